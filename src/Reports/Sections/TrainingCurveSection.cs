using System.Globalization;
using Runner.Reports.Figures;
using Runner.Reports.Model;

namespace Runner.Reports.Sections;

/// <summary>
/// The training loss against cumulative steps, across rounds, every arm (mean over seeds, a thin
/// line per seed), on a log axis, with each round's start marked: what one looks at first when a
/// run goes wrong. From the ledger's steps table; ledgers written before it have no such figure.
/// </summary>
public static class TrainingCurveSection
{
    public static FigureView? Build(ReportContext context)
    {
        var series = new List<ChartSeries>();
        var marks = new List<VerticalMark>();
        var seedCounts = new List<int>();
        var csv = new Csv("revision", "arm", "seed", "round", "step_in_round", "cumulative_steps", "loss", "learning_rate");
        for (int side = 0; side < context.Sides.Count; side++)
            foreach (var arm in context.Sides[side].Arms)
            {
                var runs = arm.Runs.Where(r => r.Steps.Count > 0).ToList();
                if (runs.Count == 0) continue;
                string revision = context.Sides[side].Side.Label;
                var (colour, dash, marker) = context.Style(arm.Name, side);
                var perSeed = runs.Select(run => (run.Seed, Points: Curve(run))).ToList();
                foreach (var run in runs)
                    foreach (var (row, x) in run.Steps.Zip(Curve(run)))
                        csv.Row(revision, arm.Name, run.Seed, row.Round, row.Step, (int)x.X, row.Loss, row.LearningRate);
                if (runs.Count > 1)
                    foreach (var (seed, points) in perSeed)
                        series.Add(new ChartSeries($"{context.SeriesName(arm.Name, side)}, seed {seed}", colour, dash, marker, points,
                            Width: 0.4, InLegend: false, Markers: false, Anchors: false)
                            { Data = [("arm", arm.Name), ("revision", revision), ("seed", seed.ToString(CultureInfo.InvariantCulture))] });
                // The mean over seeds at each cumulative step the seeds share.
                var mean = perSeed.SelectMany(s => s.Points).GroupBy(p => p.X).Where(g => g.Count() == runs.Count).OrderBy(g => g.Key)
                    .Select(g => new ChartPoint(g.Key, g.Average(p => p.Y), null, runs.Count)).ToList();
                series.Add(new ChartSeries(context.SeriesName(arm.Name, side), colour, dash, marker, mean, Width: 0.9, Markers: false, Anchors: false)
                    { Data = [("arm", arm.Name), ("revision", revision)] });
                seedCounts.Add(runs.Count);
                if (marks.Count == 0 && !RoundLines.IsControl(context, arm))
                    foreach (var round in runs[0].Rounds.Where(r => r.Round > 0 && r.Steps > 0))
                        marks.Add(new VerticalMark(ComputeSection.CumulativeSteps(runs[0], round.Round - 1), context.RoundColour(round.Round))
                            { Data = [("round-starts", round.Round.ToString(CultureInfo.InvariantCulture))] });
            }
        if (series.Count == 0) return null;
        string note = ReportContext.SeedNote(seedCounts) + string.Create(CultureInfo.InvariantCulture,
            $"; mean of every {StepsPerPoint(context)} steps; dashed: a round starts");
        var chart = new LineChart("Training loss", note, "Training steps so far (cumulative, per model)", "Training loss (log scale)", series)
            { Marks = marks, LogY = true, LogFloor = 1e-4 };
        return FigureView.Export(context.Exports, "training-loss", "Training loss against steps",
            "The training loss (cross-entropy on answer tokens, averaged over blocks of steps and a vote's models) against the steps taken since round 0, every arm; dashed lines mark where each round's training starts.",
            chart, csv);
    }

    /// <summary>A run's curve as (cumulative steps at the end of each block, loss).</summary>
    static List<ChartPoint> Curve(SeedRun run) =>
        run.Steps.Select(s => new ChartPoint(ComputeSection.CumulativeSteps(run, s.Round - 1) + s.Step, s.Loss)).ToList();

    static int StepsPerPoint(ReportContext context) =>
        context.Sides.SelectMany(s => s.Runs).SelectMany(r => r.Steps).Select(s => s.StepsInMean).DefaultIfEmpty(0).Max();
}
