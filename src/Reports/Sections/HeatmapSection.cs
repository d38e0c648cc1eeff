using Runner.Core.Tasks;
using Runner.Reports.Figures;
using Runner.Reports.Model;

namespace Runner.Reports.Sections;

/// <summary>
/// Pair difficulties (multiplication, the paper's Figure 1d): a heatmap of accuracy per pair for
/// each selected round of each arm (of each revision), D0 pairs and self-labelled pairs outlined
/// differently. Specs without pairs have none.
/// </summary>
public static class HeatmapSection
{
    public static IReadOnlyList<FigureView> Build(ReportContext context)
    {
        var views = new List<FigureView>();
        foreach (string arm in context.Arms)
            for (int side = 0; side < context.Sides.Count; side++)
            {
                if (context.Sides[side].Arms.FirstOrDefault(a => a.Name == arm) is not { } results) continue;
                var rounds = ArmResults.Select(results.EvaluatedRounds, context.ComparesRevisions ? 2 : context.Curves);
                foreach (int round in rounds)
                {
                    var accuracies = results.Accuracies(round);
                    if (!accuracies.Any(a => a.Difficulty.IsPair)) continue;
                    var d0 = results.Spec?.Task.D0;
                    var labelled = results.SelfLabelled(round);
                    var cells = accuracies.Where(a => a.Difficulty.IsPair).Select(a => new HeatCell(a.Difficulty.A, a.Difficulty.B, a.Stats.Mean,
                        ReportContext.Spread(a.Stats), Outline(a.Difficulty, d0, labelled))).ToList();
                    string revision = context.ComparesRevisions ? $" @ {context.Sides[side].Side.Label}" : "";
                    string title = $"Accuracy per pair: {arm}{revision}, round {round}";
                    var csv = new Csv("revision", "arm", "round", "a_digits", "b_digits", "accuracy_mean", "accuracy_sd", "seeds", "outline");
                    foreach (var (cell, stats) in cells.Zip(accuracies.Where(a => a.Difficulty.IsPair).Select(a => a.Stats)))
                        csv.Row(context.Sides[side].Side.Label, arm, round, cell.A, cell.B, cell.Accuracy, cell.Spread, stats.Seeds, OutlineName(cell.Outline));
                    var figure = new Heatmap(title, ReportContext.SeedNote([results.Seeds]) + "; cells: exact-match accuracy", cells);
                    string slug = context.ComparesRevisions ? $"{Exports.Slug(arm)}-{context.Sides[side].Side.Slug}" : Exports.Slug(arm);
                    views.Add(FigureView.Export(context.Exports, $"{slug}-heatmap-round-{round}", title,
                        $"Exact-match accuracy per pair of operand lengths after round {round} of arm {arm}{revision}.", figure, csv));
                }
            }
        return views;
    }

    static CellOutline Outline(Difficulty pair, Core.Specs.RangeSpec? d0, IReadOnlySet<Difficulty> labelled) =>
        d0 is not null && pair.A >= d0.Min && pair.A <= d0.Max && pair.B >= d0.Min && pair.B <= d0.Max ? CellOutline.D0
        : labelled.Contains(pair) ? CellOutline.SelfLabelled
        : CellOutline.None;

    public static string OutlineName(CellOutline outline) => outline switch
    {
        CellOutline.D0 => "d0",
        CellOutline.SelfLabelled => "self-labelled",
        _ => "none",
    };
}
