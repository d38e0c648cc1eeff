using System.Globalization;
using Runner.Core.Ledger;
using Runner.Reports.Figures;
using Runner.Reports.Model;
using Runner.Reports.Tables;

namespace Runner.Reports.Sections;

/// <summary>
/// What the filters did, at a scale where it shows: the labels' error rate (1 - true accuracy) on a
/// log axis before and after filtering, the kept fraction per round, the models' confidence in
/// right against wrong labels (from the labels table's per-label confidence), and real labels that
/// were wrong and kept or right and rejected.
/// </summary>
public static class LabelEvidenceSection
{
    public sealed record View(FigureView? Error, FigureView? Kept, IReadOnlyList<FigureView> Confidence, TableView? Examples);

    /// <summary>Bins of the confidence histograms: 0.05 wide over [0, 1].</summary>
    public const int ConfidenceBins = 20;

    /// <summary>Labels of each kind the examples table shows per arm.</summary>
    public const int ExamplesPerKind = 4;

    /// <summary>The error rate drawn for a round whose labels were all right: the log axis's floor.</summary>
    public const double ErrorFloor = 1e-3;

    public static View Build(ReportContext context) => new(Error(context), Kept(context), Confidence(context), Examples(context));

    static FigureView? Error(ReportContext context)
    {
        var series = new List<ChartSeries>();
        var seedCounts = new List<int>();
        var csv = new Csv("revision", "arm", "round", "error_generated", "error_kept", "seeds");
        for (int side = 0; side < context.Sides.Count; side++)
            foreach (var arm in context.Sides[side].Arms)
            {
                var rounds = arm.Rounds.Where(r => r > 0).ToList();
                var before = new List<ChartPoint>();
                var after = new List<ChartPoint>();
                foreach (int round in rounds)
                {
                    var generated = arm.RoundValue(round, r => 1 - r.LabelAccuracyGenerated);
                    var kept = arm.RoundValue(round, r => 1 - r.LabelAccuracyKept);
                    if (generated is null && kept is null) continue;
                    csv.Row(context.Sides[side].Side.Label, arm.Name, round, generated?.Mean, kept?.Mean, arm.Seeds);
                    if (generated is not null) before.Add(new ChartPoint(round, generated.Mean, ReportContext.Spread(generated), generated.Seeds));
                    if (kept is not null) after.Add(new ChartPoint(round, kept.Mean, ReportContext.Spread(kept), kept.Seeds));
                }
                if (before.Count + after.Count == 0) continue;
                seedCounts.Add(arm.Seeds);
                string name = context.SeriesName(arm.Name, side), revision = context.Sides[side].Side.Label;
                var (colour, dash, marker) = context.Style(arm.Name, side);
                series.Add(new ChartSeries($"{name}: all labels", colour, "3 2", marker, before, Hollow: true, Width: 0.9)
                    { Data = [("arm", arm.Name), ("revision", revision), ("labels", "generated")] });
                series.Add(new ChartSeries($"{name}: trained on", colour, dash, marker, after)
                    { Data = [("arm", arm.Name), ("revision", revision), ("labels", "kept")] });
            }
        if (series.Count == 0) return null;
        string note = ReportContext.SeedNote(seedCounts) + string.Create(CultureInfo.InvariantCulture, $"; hollow: before filtering; none wrong: at {ErrorFloor}");
        var chart = new LineChart("Wrong labels, before and after filtering", note, Axes.Round, "Share of labels wrong (log scale)", series)
            { LogY = true, LogFloor = ErrorFloor, YRange = (ErrorFloor, 1) };
        return FigureView.Export(context.Exports, "label-error", "Wrong labels against round",
            "The share of each round's labels that were wrong, all labels written (hollow, dashed) and those trained on (after filters and noise), on a log axis; a round with none wrong is drawn at the axis floor.",
            chart, csv);
    }

    static FigureView? Kept(ReportContext context)
    {
        var series = new List<ChartSeries>();
        var seedCounts = new List<int>();
        var csv = new Csv("revision", "arm", "round", "kept_fraction", "kept_fraction_sd", "seeds");
        for (int side = 0; side < context.Sides.Count; side++)
            foreach (var arm in context.Sides[side].Arms)
            {
                var points = arm.Rounds.Where(r => r > 0)
                    .Select(round => (Round: round, Stats: arm.RoundValue(round, r => r.LabelsGenerated == 0 ? double.NaN : (double)r.LabelsKept / r.LabelsGenerated)))
                    .Where(p => p.Stats is not null).ToList();
                if (points.Count == 0) continue;
                seedCounts.Add(arm.Seeds);
                foreach (var (round, stats) in points)
                    csv.Row(context.Sides[side].Side.Label, arm.Name, round, stats!.Mean, ReportContext.Spread(stats), stats.Seeds);
                var (colour, dash, marker) = context.Style(arm.Name, side);
                series.Add(new ChartSeries(context.SeriesName(arm.Name, side), colour, dash, marker,
                    points.Select(p => new ChartPoint(p.Round, p.Stats!.Mean, ReportContext.Spread(p.Stats), p.Stats.Seeds)).ToList())
                    { Data = [("arm", arm.Name), ("revision", context.Sides[side].Side.Label)] });
            }
        if (series.Count == 0) return null;
        var chart = new LineChart("Share of labels kept", ReportContext.SeedNote(seedCounts), Axes.Round, "Kept fraction", series) { YRange = (0, 1) };
        return FigureView.Export(context.Exports, "kept-fraction", "Kept fraction against round",
            "The share of each round's labels that the filters kept, per arm.", chart, csv);
    }

    /// <summary>Per arm with per-label confidence: how sure the models were of their right and of their wrong labels, all rounds together.</summary>
    static IReadOnlyList<FigureView> Confidence(ReportContext context)
    {
        var views = new List<FigureView>();
        for (int side = 0; side < context.Sides.Count; side++)
            foreach (var arm in context.Sides[side].Arms)
            {
                var labels = arm.Runs.SelectMany(r => r.Labels).Where(l => !double.IsNaN(l.Confidence)).ToList();
                if (labels.Count == 0) continue;
                int[] Counts(bool correct)
                {
                    var counts = new int[ConfidenceBins];
                    foreach (var label in labels.Where(l => l.Correct == correct)) counts[Histogram.BinOf(label.Confidence, 0, 1, ConfidenceBins)]++;
                    return counts;
                }
                string name = context.SeriesName(arm.Name, side);
                string slug = context.ComparesRevisions ? $"{Exports.Slug(arm.Name)}-{context.Sides[side].Side.Slug}" : Exports.Slug(arm.Name);
                var (colour, _, _) = context.Style(arm.Name, side);
                var thresholds = (arm.Spec?.SelfImprove.Filters ?? []).Where(f => f.Kind == "confidence").Select(f => f.Threshold).ToList();
                var csv = new Csv("revision", "arm", "bin_low", "bin_high", "right", "wrong");
                var right = Counts(true);
                var wrong = Counts(false);
                for (int b = 0; b < ConfidenceBins; b++)
                    csv.Row(context.Sides[side].Side.Label, arm.Name, (double)b / ConfidenceBins, (double)(b + 1) / ConfidenceBins, right[b], wrong[b]);
                int rounds = arm.Runs.SelectMany(r => r.Labels).Select(l => l.Round).Distinct().Count();
                string title = $"Confidence in right and wrong labels: {name}";
                var chart = new Histogram(title,
                    $"labels of {rounds} round{(rounds == 1 ? "" : "s")} and {arm.Seeds} seed{(arm.Seeds == 1 ? "" : "s")}" + (thresholds.Count > 0 ? "; dashed: the confidence filter" : ""),
                    "Probability the models gave the label", 0, 1,
                    [new HistogramSeries("right", colour, right), new HistogramSeries("wrong", "#000000", wrong, Hollow: true)])
                {
                    Marks = thresholds.Select(t => new VerticalMark(t, "#555555") { Data = [("threshold", LineChart.Number(t))] }).ToList(),
                };
                views.Add(FigureView.Export(context.Exports, $"{slug}-label-confidence", title,
                    $"The probability the models gave each label they wrote, arm {name}, right labels (filled) against wrong ones (hollow), each as a share of its own kind; all labelling rounds and seeds together. Read from the ledger's labels table.",
                    chart, csv));
            }
        return views;
    }

    /// <summary>Real labels the filters got wrong: wrong and kept (most confident first), right and rejected (most confident first).</summary>
    static TableView? Examples(ReportContext context)
    {
        var rows = new List<IReadOnlyList<Cell>>();
        for (int side = 0; side < context.Sides.Count; side++)
            foreach (var arm in context.Sides[side].Arms)
            {
                var labels = arm.Runs.SelectMany(r => r.Labels).ToList();
                var wrongKept = labels.Where(l => !l.Correct && l.Kept).OrderByDescending(Confidence).ThenBy(l => l.Round).ThenBy(l => l.Seed)
                    .ThenBy(l => l.Prompt, StringComparer.Ordinal).Take(ExamplesPerKind);
                var rightRejected = labels.Where(l => l.Correct && !l.Kept).OrderByDescending(Confidence).ThenBy(l => l.Round).ThenBy(l => l.Seed)
                    .ThenBy(l => l.Prompt, StringComparer.Ordinal).Take(ExamplesPerKind);
                foreach (var (label, what) in wrongKept.Select(l => (l, "wrong, kept")).Concat(rightRejected.Select(l => (l, "right, rejected"))))
                    rows.Add(
                    [
                        new(context.SeriesName(arm.Name, side)), new(what), new(Numbers.Int(label.Seed), Numeric: true), new(Numbers.Int(label.Round), Numeric: true),
                        new(label.Prompt), new(label.ModelLabel), new(label.TrueLabel), new(Numbers.Fraction(double.IsNaN(label.Confidence) ? null : label.Confidence), Numeric: true),
                        new(label.Votes > 0 && label.Voters > 1 ? $"{label.Votes} of {label.Voters}" : "–"),
                    ]);
            }
        if (rows.Count == 0) return null;
        return TableView.Export(context.Exports, new Table("label-examples",
            $"Labels the filters got wrong: up to {ExamplesPerKind} wrong and kept, and {ExamplesPerKind} right and rejected, per arm (most confident first)",
            ["arm", "label", "seed", "round", "prompt", "model's label", "true label", "confidence", "votes"], rows));
    }

    static double Confidence(LabelRow label) => double.IsNaN(label.Confidence) ? -1 : label.Confidence;
}
