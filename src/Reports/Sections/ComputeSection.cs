using Runner.Core.Ledger.Diff;
using Runner.Reports.Figures;
using Runner.Reports.Model;

namespace Runner.Reports.Sections;

/// <summary>
/// The arms compared at equal compute: the frontier (and the reach past D0, where it says something
/// the frontier does not) against the training steps each arm had taken by the end of each round,
/// every arm on one axis (training examples when the arms' batches differ), so a control that trains as long without rounds lands at its steps and not
/// on top of round 0. One thin line per seed beside the arm's mean, so seeds that disagree show as
/// they are. And the final accuracy against difficulty of every arm in one panel.
/// </summary>
public static class ComputeSection
{
    public sealed record View(FigureView? Frontier, FigureView? Reach, FigureView? FinalAccuracy);

    public static View Build(ReportContext context) => new(
        Against(context, "compute-frontier", "Frontier against training steps", Axes.Frontier(context.Sides[0].Spec),
            "The frontier after each round against the training steps its arm had taken by then (cumulative, per model), every arm on one axis; thin lines: single seeds.",
            (run, round) => run.Rounds.FirstOrDefault(r => r.Round == round)?.Frontier),
        ReachSaysMore(context)
            ? Against(context, "compute-reach", "Reach past D0 against training steps", Axes.Frontier(context.Sides[0].Spec, "Reach"),
                "The reach past D0 after each round against cumulative training steps; thin lines: single seeds.",
                (run, round) => run.Metric("reach", round))
            : null,
        FinalAccuracy(context));

    /// <summary>The steps a seed's run had trained by the end of <paramref name="round"/> (per model: a vote's models train side by side).</summary>
    public static int CumulativeSteps(SeedRun run, int round) => run.Rounds.Where(r => r.Round <= round).Sum(r => r.Steps);

    /// <summary>Whether some arm's reach differs from its frontier at some round: otherwise its figure repeats the frontier's.</summary>
    public static bool ReachSaysMore(ReportContext context) => context.Sides.SelectMany(s => s.Runs).Any(run =>
        run.Rounds.Any(r => run.Metric("reach", r.Round) is { } reach && reach != r.Frontier));

    /// <summary>
    /// Whether the arms train on batches of different sizes: then a step is not the same compute in
    /// every arm, and the figures count training examples (steps x batch) instead.
    /// </summary>
    public static bool CountsExamples(ReportContext context) =>
        context.Sides.SelectMany(s => s.Arms).Select(a => a.Spec?.Training.Batch).Where(b => b is not null).Distinct().Count() > 1;

    static FigureView? Against(ReportContext context, string name, string title, string yLabel, string caption, Func<SeedRun, int, double?> value)
    {
        bool examples = CountsExamples(context);
        var series = new List<ChartSeries>();
        var seedCounts = new List<int>();
        var csv = new Csv("revision", "arm", "seed", "round", "cumulative_steps", "cumulative_examples", "value");
        for (int side = 0; side < context.Sides.Count; side++)
            foreach (var arm in context.Sides[side].Arms)
            {
                int? batch = arm.Spec?.Training.Batch;
                // The x of a point: steps, or examples when the arms' batches differ (an arm without a spec has no batch: steps).
                double X(int steps) => examples && batch is { } b ? (double)steps * b : steps;
                string revision = context.Sides[side].Side.Label;
                var (colour, dash, marker) = context.Style(arm.Name, side);
                var seedLines = new List<ChartSeries>();
                foreach (var run in arm.Runs)
                {
                    var points = run.Rounds.Select(r => (r.Round, Steps: CumulativeSteps(run, r.Round), Value: value(run, r.Round)))
                        .Where(p => p.Value is not null).ToList();
                    foreach (var p in points)
                        csv.Row(revision, arm.Name, run.Seed, p.Round, p.Steps, batch is { } b ? p.Steps * b : null, p.Value);
                    if (arm.Seeds > 1 && points.Count > 0)
                        seedLines.Add(new ChartSeries($"{context.SeriesName(arm.Name, side)}, seed {run.Seed}", colour, dash, marker,
                            points.Select(p => new ChartPoint(X(p.Steps), p.Value!.Value)).ToList(), Width: 0.5, InLegend: false, Markers: false)
                            { Data = [("arm", arm.Name), ("revision", revision), ("seed", run.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture))] });
                }
                var mean = arm.Rounds.Select(round => (Round: round, Steps: arm.Over(r => r.Rounds.Any(x => x.Round == round) ? X(CumulativeSteps(r, round)) : null),
                        Value: arm.Over(r => value(r, round))))
                    .Where(p => p.Steps is not null && p.Value is not null).ToList();
                if (mean.Count == 0) continue;
                seedCounts.Add(arm.Seeds);
                series.AddRange(seedLines);
                series.Add(new ChartSeries(context.SeriesName(arm.Name, side), colour, dash, marker,
                    mean.Select(p => new ChartPoint(p.Steps!.Mean, p.Value!.Mean, ReportContext.Spread(p.Value), p.Value.Seeds)).ToList())
                    { Data = [("arm", arm.Name), ("revision", revision), ("rounds", string.Join(" ", mean.Select(p => p.Round)))] });
            }
        if (series.Count == 0) return null;
        string note = ReportContext.SeedNote(seedCounts) + (seedCounts.Any(n => n > 1) ? "; thin: single seeds" : "") + "; a marker per round";
        string xLabel = examples ? "Training examples so far (steps x batch, per model)" : "Training steps so far (cumulative, per model)";
        var chart = new LineChart(title, note, xLabel, yLabel, series) { IntegerY = true };
        return FigureView.Export(context.Exports, name, title, caption, chart, csv);
    }

    /// <summary>Every arm's accuracy after its final round, one panel: where the arms end, difficulty by difficulty.</summary>
    static FigureView? FinalAccuracy(ReportContext context)
    {
        var series = new List<ChartSeries>();
        var seedCounts = new List<int>();
        var csv = new Csv("revision", "arm", "round", "difficulty", "accuracy_mean", "accuracy_sd", "seeds");
        for (int side = 0; side < context.Sides.Count; side++)
            foreach (var arm in context.Sides[side].Arms)
            {
                if (arm.EvaluatedRounds.Count == 0) continue;
                int final = arm.EvaluatedRounds[^1];
                var points = arm.Accuracies(final).GroupBy(a => a.Difficulty.Size).OrderBy(g => g.Key)
                    .Select(g => (Size: g.Key, Stats: g.MinBy(a => a.Stats.Mean).Stats)).ToList();
                foreach (var (size, stats) in points)
                    csv.Row(context.Sides[side].Side.Label, arm.Name, final, size, stats.Mean, ReportContext.Spread(stats), stats.Seeds);
                seedCounts.Add(arm.Seeds);
                var (colour, dash, marker) = context.Style(arm.Name, side);
                series.Add(new ChartSeries($"{context.SeriesName(arm.Name, side)} (round {final})", colour, dash, marker,
                    points.Select(p => new ChartPoint(p.Size, p.Stats.Mean, ReportContext.Spread(p.Stats), p.Stats.Seeds)).ToList())
                    { Data = [("arm", arm.Name), ("revision", context.Sides[side].Side.Label), ("round", final.ToString(System.Globalization.CultureInfo.InvariantCulture))] });
            }
        if (series.Count < 2) return null;
        var spec = context.Sides[^1].Spec;
        var chart = new LineChart("Final accuracy of every arm", ReportContext.SeedNote(seedCounts), Axes.Difficulty(spec), Axes.Accuracy, series)
            { YRange = (0, 1), Marks = spec is null ? [] : [new VerticalMark(spec.Task.D0.Max, "#777777") { Data = [("d0-max", spec.Task.D0.Max.ToString(System.Globalization.CultureInfo.InvariantCulture))] }] };
        return FigureView.Export(context.Exports, "final-accuracy", "Final accuracy of every arm",
            "Exact-match accuracy per difficulty after each arm's final round, every arm in one panel; the gray dashed line is D0's largest difficulty.",
            chart, csv);
    }
}
