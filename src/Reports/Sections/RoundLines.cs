using Runner.Core.Ledger.Diff;
using Runner.Reports.Figures;
using Runner.Reports.Model;

namespace Runner.Reports.Sections;

/// <summary>
/// A number against round, one line per arm with rounds (per arm and revision when comparing), the
/// mean over seeds and a thin line per seed: the frontier (the ablation at a glance), and when the
/// ledger has them and they say something the frontier does not, the reach past D0 and the lowest
/// accuracy on D0.
/// </summary>
public static class RoundLines
{
    public static FigureView? Frontier(ReportContext context) =>
        Build(context, "frontier", "Frontier against round", Axes.Frontier(context.Sides[0].Spec), integerY: true,
            "The frontier (every difficulty up to it solved) after each round, per arm.",
            (arm, round) => arm.Frontier(round));

    /// <summary>Reach past D0 (the largest size past D0 up to which every evaluated size is solved); null when the ledger predates it.</summary>
    public static FigureView? Reach(ReportContext context) => !ComputeSection.ReachSaysMore(context) ? null :
        Build(context, "reach", "Reach past D0 against round", Axes.Frontier(context.Sides[0].Spec, "Reach"), integerY: true,
            "The largest difficulty past D0 up to which every evaluated difficulty past D0 is solved (D0's top when the first past it is not).",
            (arm, round) => arm.Metric("reach", round));

    /// <summary>The lowest accuracy over D0's difficulties: whether self-improvement forgets the easy problems.</summary>
    public static FigureView? D0MinAccuracy(ReportContext context) => D0Unchanged(context) is not null ? null :
        Build(context, "d0-min-accuracy", "Lowest accuracy on D0 against round", "Lowest accuracy over D0 (fraction)", integerY: false,
            "The lowest exact-match accuracy over D0's difficulties after each round.",
            (arm, round) => arm.Metric("d0_min_accuracy", round));

    /// <summary>
    /// When every run's lowest D0 accuracy is the same solved value after every round (D0 fully retained,
    /// the usual case), the sentence that says so instead of a flat line; null when it moves or is not solved.
    /// </summary>
    public static string? D0UnchangedSentence(ReportContext context) => D0Unchanged(context) is { } value
        ? $"Lowest accuracy on D0: {Numbers.Fraction(value)} after every round of every arm and seed, so it has no figure."
        : null;

    static double? D0Unchanged(ReportContext context)
    {
        var values = context.Sides.SelectMany(s => s.Runs).SelectMany(r => r.Rounds.Select(x => r.Metric("d0_min_accuracy", x.Round)))
            .Where(v => v is not null && !double.IsNaN(v.Value)).Select(v => v!.Value).Distinct().ToList();
        double solved = context.Sides[^1].Spec?.Eval.Solved ?? 0.99;
        return values.Count == 1 && values[0] >= solved ? values[0] : null;
    }

    /// <summary>Whether an arm runs rounds past 0 (its spec says so; without a spec, its ledger rows).</summary>
    public static bool HasRounds(ArmResults arm) => arm.Spec is { } spec ? spec.SelfImprove.Rounds > 0 : arm.Rounds.Any(r => r > 0);

    /// <summary>
    /// An arm without rounds beside arms with them: a control trained on D0 alone, which has no place on
    /// a round axis (the figure against steps shows it) nor against the paper's self-improvement curves.
    /// </summary>
    public static bool IsControl(ReportContext context, ArmResults arm) =>
        !HasRounds(arm) && context.Sides.SelectMany(s => s.Arms).Any(HasRounds);

    static FigureView? Build(ReportContext context, string name, string title, string yLabel, bool integerY, string caption,
        Func<ArmResults, int, SeedStats?> value)
    {
        var series = new List<ChartSeries>();
        var seedCounts = new List<int>();
        var csv = new Csv("revision", "arm", "round", "mean", "sd", "seeds");
        for (int side = 0; side < context.Sides.Count; side++)
            foreach (var arm in context.Sides[side].Arms.Where(a => !IsControl(context, a)))
            {
                var points = arm.Rounds.Select(r => (Round: r, Stats: value(arm, r))).Where(p => p.Stats is not null).ToList();
                if (points.Count == 0) continue;
                seedCounts.Add(arm.Seeds);
                foreach (var (round, stats) in points)
                    csv.Row(context.Sides[side].Side.Label, arm.Name, round, stats!.Mean, ReportContext.Spread(stats), stats.Seeds);
                var (colour, dash, marker) = context.Style(arm.Name, side);
                string revision = context.Sides[side].Side.Label;
                // One thin line per seed rather than a band: seeds that split (one avalanches, two do not) show as they ran.
                if (arm.Seeds > 1)
                    foreach (var run in arm.Runs)
                    {
                        var single = new ArmResults(arm.Name, [run]);
                        var own = run.Rounds.Select(r => (r.Round, Stats: value(single, r.Round))).Where(p => p.Stats is not null).ToList();
                        if (own.Count > 0)
                            series.Add(new ChartSeries($"{context.SeriesName(arm.Name, side)}, seed {run.Seed}", colour, dash, marker,
                                own.Select(p => new ChartPoint(p.Round, p.Stats!.Mean)).ToList(), Width: 0.5, InLegend: false, Markers: false)
                                { Data = [("arm", arm.Name), ("revision", revision), ("seed", run.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture))] });
                    }
                series.Add(new ChartSeries(context.SeriesName(arm.Name, side), colour, dash, marker,
                    points.Select(p => new ChartPoint(p.Round, p.Stats!.Mean, ReportContext.Spread(p.Stats), p.Stats.Seeds)).ToList())
                    { Data = [("arm", arm.Name), ("revision", revision)] });
            }
        if (series.Count == 0) return null;
        string note = ReportContext.SeedNote(seedCounts) + (seedCounts.Any(n => n > 1) ? "; thin: single seeds" : "");
        var chart = new LineChart(title, note, Axes.Round, yLabel, series)
        {
            IntegerY = integerY,
            YRange = integerY ? null : (0, 1),
        };
        return FigureView.Export(context.Exports, name, title, caption, chart, csv);
    }
}
