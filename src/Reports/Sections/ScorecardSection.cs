using System.Globalization;
using Runner.Core.Tasks;
using Runner.Reports.Figures;
using Runner.Reports.Model;
using Runner.Reports.Published;
using Runner.Reports.Tables;

namespace Runner.Reports.Sections;

/// <summary>
/// The reproduction scorecard: for a spec whose task and D0 match a panel of the paper's Figure 1,
/// the published values beside ours at matching rounds and difficulties (black hollow markers, not joined),
/// the difference per point, and one verdict per arm. A spec with another model shape than the
/// paper's (the CPU specs) is compared for shape only: no verdict on the numbers.
/// </summary>
public static class ScorecardSection
{
    /// <summary>Mean absolute difference at or under which a full-scale run reproduces the panel.</summary>
    public const double Tolerance = 0.10;

    public sealed record View(string Status, string Source, IReadOnlyList<ArmView> Arms, TableView? Table);

    public sealed record ArmView(string Arm, string Verdict, FigureView? Figure);

    public static View Build(ReportContext context, PublishedFigure published)
    {
        var results = context.Sides[^1];
        var spec = results.Spec;
        if (spec is null)
            return new View("No finished run records the spec, so its task cannot be matched to the paper.", published.Source, [], null);
        var panel = published.PanelFor(spec);
        if (panel is null)
            return new View($"The paper publishes no values for this spec ({spec.Task.Kind}, D0 {spec.Task.D0.Min}-{spec.Task.D0.Max}): no comparison.",
                published.Source, [], null);
        bool shapeOnly = !published.SameModel(spec);
        string scale = shapeOnly
            ? $"Shape only: this spec's model ({spec.Model.Layers} layers, {spec.Model.Heads} heads, d_model {spec.Model.DModel}) is not the paper's ({published.Model}), so the numbers are not expected to match."
            : "Full scale: the paper's model shape.";
        string status = $"Compared with {panel.Title} of the paper's Figure 1, at the rounds and difficulties the paper has points for, for arms that run rounds. {scale} The paper's round r is our round r {Offset(published.RoundOffset.GetValueOrDefault(panel.Task))}.";

        var arms = new List<ArmView>();
        var rows = new List<IReadOnlyList<Cell>>();
        foreach (var arm in results.Arms)
        {
            // The paper's panel is a self-improvement curve: a control without rounds is not what it measured.
            if (RoundLines.IsControl(context, arm))
            {
                arms.Add(new ArmView(arm.Name, "Not compared: a control without rounds; the paper's panel follows self-improvement rounds.", null));
                continue;
            }
            var evaluated = arm.EvaluatedRounds.ToHashSet();
            var matched = panel.Curves.Where(c => evaluated.Contains(published.OurRound(panel, c.PaperRound))).ToList();
            var differences = new List<double>();
            var series = new List<ChartSeries>();
            var csv = new Csv("arm", "paper_round", "our_round", "difficulty", "published", "ours", "difference");
            for (int i = 0; i < matched.Count; i++)
            {
                var curve = matched[i];
                int ours = published.OurRound(panel, curve.PaperRound);
                var accuracies = arm.Accuracies(ours).ToDictionary(a => a.Difficulty, a => a.Stats.Mean);
                string colour = context.RoundColour(ours);
                var paperPoints = new List<ChartPoint>();
                foreach (var (difficulty, value) in curve.Values)
                {
                    double? our = accuracies.TryGetValue(difficulty, out var v) ? v : null;
                    csv.Row(arm.Name, curve.PaperRound, ours, difficulty.ToString(), value, our, our - value);
                    if (our is { } o)
                    {
                        differences.Add(o - value);
                        rows.Add([new(arm.Name), new(Numbers.Int(curve.PaperRound), Numeric: true), new(Numbers.Int(ours), Numeric: true),
                            new(difficulty.ToString()), new(Numbers.Fraction(value), Numeric: true), new(Numbers.Fraction(o), Numeric: true),
                            new((o - value).ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture), Numeric: true)]);
                    }
                    if (!difficulty.IsPair) paperPoints.Add(new ChartPoint(difficulty.A, value));
                }
                if (paperPoints.Count > 0)
                {
                    series.Add(new ChartSeries($"ours, round {ours}", colour, null, Palette.Marker(i),
                        accuracies.Where(a => !a.Key.IsPair).OrderBy(a => a.Key).Select(a => new ChartPoint(a.Key.A, a.Value)).ToList())
                        { Data = [("source", "ours"), ("round", ours.ToString(CultureInfo.InvariantCulture))] });
                    // Markers only: the paper's points are read off its figure, and a line between them would be ours, not theirs.
                    series.Add(new ChartSeries($"paper, round {curve.PaperRound}", "#000000", null, Palette.Marker(i), paperPoints, Hollow: true, Width: 0.9, Line: false)
                        { Data = [("source", "paper"), ("round", curve.PaperRound.ToString(CultureInfo.InvariantCulture))] });
                }
            }
            string verdict = Verdict(differences, shapeOnly, matched.Select(c => c.PaperRound).ToList());
            FigureView? figure = null;
            if (series.Count > 0)
            {
                string title = $"Ours against the paper: {arm.Name}";
                var chart = new LineChart(title, (shapeOnly ? "shape only; " : "") + "black hollow: the paper's points (Figure 1), read off the figure",
                    Axes.Difficulty(spec), Axes.Accuracy, series) { YRange = (0, 1) };
                figure = FigureView.Export(context.Exports, $"{Exports.Slug(arm.Name)}-scorecard", title,
                    $"Our accuracy (coloured, filled, joined) and the paper's published points (black, hollow, not joined) at matching rounds, arm {arm.Name}.",
                    chart, csv);
            }
            else if (rows.Count > 0)
            {
                // Pairs: no curve to draw, the CSV still holds every compared point.
                context.Exports.Add($"figures/{Exports.Slug(arm.Name)}-scorecard.csv", csv.ToString());
            }
            arms.Add(new ArmView(arm.Name, verdict, figure));
        }
        var table = rows.Count == 0 ? null : TableView.Export(context.Exports, new Table("scorecard",
            "Ours against the paper's Figure 1 at matching rounds and difficulties", ["arm", "paper round", "our round", "difficulty", "paper", "ours", "difference"], rows));
        return new View(status, published.Source, arms, table);
    }

    static string Offset(int offset) => offset == 0 ? "(both count the model trained on D0 as round 0)"
        : offset < 0 ? $"- {-offset} (the paper counts the model trained on D0 as round 1)"
        : $"+ {offset}";

    static string Verdict(IReadOnlyList<double> differences, bool shapeOnly, IReadOnlyList<int> paperRounds)
    {
        if (differences.Count == 0) return "No published point at a round and difficulty this run evaluated.";
        double mean = differences.Average(d => Math.Abs(d)), worst = differences.Max(d => Math.Abs(d));
        string numbers = string.Create(CultureInfo.InvariantCulture,
            $"mean |difference| {mean:0.000}, largest {worst:0.000}, over {differences.Count} points at paper rounds {string.Join(", ", paperRounds)}");
        if (shapeOnly) return $"Shape only (not the paper's model, so no verdict): {numbers}.";
        return mean <= Tolerance
            ? $"Reproduced: {numbers} (within {Tolerance:0.00})."
            : $"Not reproduced: {numbers} (more than {Tolerance:0.00}).";
    }
}
