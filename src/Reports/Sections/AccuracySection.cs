using Runner.Core.Ledger.Diff;
using Runner.Core.Tasks;
using Runner.Reports.Figures;
using Runner.Reports.Model;

namespace Runner.Reports.Sections;

/// <summary>
/// Accuracy against difficulty, one panel per arm (the paper's Figure 1 panels): one curve per
/// selected round (round 0, the last, evenly spaced between) in a sequential colour, a dashed line
/// at each round's largest trained difficulty, mean over seeds (each seed in the per-seed table, not a band). With several
/// revisions: round 0 and the last round of each, one colour per revision.
/// For pairs, each size's worst pair (the frontier's rule: a size counts when all its pairs do).
/// </summary>
public static class AccuracySection
{
    public static IReadOnlyList<FigureView> Build(ReportContext context)
    {
        var views = new List<FigureView>();
        foreach (string arm in context.Arms)
        {
            var series = new List<ChartSeries>();
            var marks = new List<VerticalMark>();
            var seedCounts = new List<int>();
            var csv = new Csv("revision", "arm", "round", "difficulty", "accuracy_mean", "accuracy_sd", "seeds", "trained_max");
            for (int side = 0; side < context.Sides.Count; side++)
            {
                if (context.Sides[side].Arms.FirstOrDefault(a => a.Name == arm) is not { } results) continue;
                var evaluated = results.EvaluatedRounds;
                var rounds = ArmResults.Select(evaluated, context.ComparesRevisions ? 2 : context.Curves);
                seedCounts.Add(results.Seeds);
                for (int i = 0; i < rounds.Count; i++)
                {
                    int round = rounds[i];
                    var points = Points(results, round);
                    int? trained = results.TrainedMax(round);
                    foreach (var (x, stats) in points)
                        csv.Row(context.Sides[side].Side.Label, arm, round, x, stats.Mean, ReportContext.Spread(stats), stats.Seeds, trained);
                    var (colour, dash, marker, hollow) = context.ComparesRevisions
                        ? (Palette.Colour(side), context.Style(arm, side).Dash, i == 0 ? MarkerKind.Circle : MarkerKind.Square, i == 0)
                        : (context.RoundColour(round), (string?)null, Palette.Marker(i), false);
                    string name = context.ComparesRevisions ? $"{context.Sides[side].Side.Label}, round {round}" : $"round {round}";
                    series.Add(new ChartSeries(name, colour, dash, marker,
                        // No band: seeds that disagree (one solves a length, another not) make a band no seed followed; the per-seed table has each.
                        points.Select(p => new ChartPoint(p.Size, p.Stats.Mean, ReportContext.Spread(p.Stats), p.Stats.Seeds)).ToList(), hollow)
                        { Data = [("round", round.ToString()), ("revision", context.Sides[side].Side.Label)] });
                    if (trained is { } max)
                        marks.Add(new VerticalMark(max, colour) { Data = [("round", round.ToString()), ("trained-max", max.ToString())] });
                }
            }
            if (series.Count == 0) continue;
            var spec = context.Sides.Select(s => s.Arms.FirstOrDefault(a => a.Name == arm)?.Spec).FirstOrDefault(s => s is not null);
            string title = $"Accuracy against difficulty: {arm}";
            var chart = new LineChart(title, $"{ReportContext.SeedNote(seedCounts)}; dashed: largest trained difficulty",
                Axes.Difficulty(spec), Axes.Accuracy, series) { Marks = marks, YRange = (0, 1) };
            views.Add(FigureView.Export(context.Exports, $"{Exports.Slug(arm)}-accuracy", title,
                $"Exact-match accuracy per difficulty after each selected round of arm {arm}; dashed lines mark each round's largest trained difficulty.",
                chart, csv));
        }
        return views;
    }

    /// <summary>The plotted points of a round: per difficulty, or for pairs per size its worst pair.</summary>
    static IReadOnlyList<(int Size, SeedStats Stats)> Points(ArmResults results, int round)
    {
        var accuracies = results.Accuracies(round);
        return accuracies.GroupBy(a => a.Difficulty.Size).OrderBy(g => g.Key)
            .Select(g => (g.Key, g.MinBy(a => a.Stats.Mean).Stats)).ToList();
    }
}
