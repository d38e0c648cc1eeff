using Runner.Core.Ledger.Diff;
using Runner.Reports.Figures;
using Runner.Reports.Model;

namespace Runner.Reports.Sections;

/// <summary>
/// A number against round, one line per arm (per arm and revision when comparing), mean and band
/// over seeds: the frontier (the ablation at a glance), and when the ledger has them the reach past
/// D0 and the lowest accuracy on D0.
/// </summary>
public static class RoundLines
{
    public static FigureView? Frontier(ReportContext context) =>
        Build(context, "frontier", "Frontier against round", Axes.Frontier(context.Sides[0].Spec), integerY: true,
            "The frontier (every difficulty up to it solved) after each round, per arm.",
            (arm, round) => arm.Frontier(round));

    /// <summary>Reach past D0 (the largest size past D0 up to which every evaluated size is solved); null when the ledger predates it.</summary>
    public static FigureView? Reach(ReportContext context) =>
        Build(context, "reach", "Reach past D0 against round", Axes.Frontier(context.Sides[0].Spec, "Reach"), integerY: true,
            "The largest difficulty past D0 up to which every evaluated difficulty past D0 is solved (D0's top when the first past it is not).",
            (arm, round) => arm.Metric("reach", round));

    /// <summary>The lowest accuracy over D0's difficulties: whether self-improvement forgets the easy problems.</summary>
    public static FigureView? D0MinAccuracy(ReportContext context) =>
        Build(context, "d0-min-accuracy", "Lowest accuracy on D0 against round", "Lowest accuracy over D0 (fraction)", integerY: false,
            "The lowest exact-match accuracy over D0's difficulties after each round.",
            (arm, round) => arm.Metric("d0_min_accuracy", round));

    static FigureView? Build(ReportContext context, string name, string title, string yLabel, bool integerY, string caption,
        Func<ArmResults, int, SeedStats?> value)
    {
        var series = new List<ChartSeries>();
        var seedCounts = new List<int>();
        var csv = new Csv("revision", "arm", "round", "mean", "sd", "seeds");
        for (int side = 0; side < context.Sides.Count; side++)
            foreach (var arm in context.Sides[side].Arms)
            {
                var points = arm.Rounds.Select(r => (Round: r, Stats: value(arm, r))).Where(p => p.Stats is not null).ToList();
                if (points.Count == 0) continue;
                seedCounts.Add(arm.Seeds);
                foreach (var (round, stats) in points)
                    csv.Row(context.Sides[side].Side.Label, arm.Name, round, stats!.Mean, ReportContext.Spread(stats), stats.Seeds);
                var (colour, dash, marker) = context.Style(arm.Name, side);
                series.Add(new ChartSeries(context.SeriesName(arm.Name, side), colour, dash, marker,
                    points.Select(p => new ChartPoint(p.Round, p.Stats!.Mean, ReportContext.Spread(p.Stats))).ToList())
                    { Data = [("arm", arm.Name), ("revision", context.Sides[side].Side.Label)] });
            }
        if (series.Count == 0) return null;
        var chart = new LineChart(title, ReportContext.SeedNote(seedCounts), Axes.Round, yLabel, series)
        {
            IntegerY = integerY,
            YRange = integerY ? null : (0, 1),
        };
        return FigureView.Export(context.Exports, name, title, caption, chart, csv);
    }
}
