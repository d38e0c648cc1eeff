using System.Globalization;
using Runner.Reports.Model;
using Runner.Reports.Tables;

namespace Runner.Reports.Sections;

/// <summary>
/// Exact-match accuracy (%) per length past D0, per arm, seed and selected round: the table
/// `runner run` prints, on the page, so what each seed did is there to read rather than averaged
/// into a curve. D0 is one column, its lowest accuracy; pairs show each size's worst pair; solved
/// lengths are in bold; percentages are floored, so 99.9 % never reads as 100.
/// </summary>
public static class SeedAccuracySection
{
    public static TableView? Build(ReportContext context)
    {
        var side = context.Sides[^1];
        var spec = side.Spec;
        if (spec is null || side.Arms.All(a => a.EvaluatedRounds.Count == 0)) return null;
        var d0 = spec.Task.D0;
        double solved = spec.Eval.Solved;
        var sizes = side.Runs.SelectMany(r => r.Evaluations).Select(e => Math.Max(e.Difficulty, e.DifficultyB ?? 0))
            .Where(s => s > d0.Max).Distinct().Order().ToList();
        var header = new List<string> { "arm", "seed", "round", "labelled", "kept", $"D0 {d0.Min}-{d0.Max} lowest" };
        header.AddRange(sizes.Select(s => s.ToString(CultureInfo.InvariantCulture)));
        header.Add("frontier");
        var rows = new List<IReadOnlyList<Cell>>();
        foreach (var arm in side.Arms)
        {
            var rounds = ArmResults.Select(arm.EvaluatedRounds, context.Curves);
            foreach (var run in arm.Runs)
                foreach (int round in rounds.Where(r => run.EvaluatedRounds.Contains(r)))
                {
                    var bySize = run.Accuracies(round).GroupBy(a => a.Key.Size).ToDictionary(g => g.Key, g => g.Min(a => a.Value));
                    var inD0 = run.Accuracies(round).Where(a => a.Key.Size >= d0.Min && a.Key.Size <= d0.Max).Select(a => a.Value).ToList();
                    var row = run.Rounds.FirstOrDefault(r => r.Round == round);
                    var cells = new List<Cell>
                    {
                        new(arm.Name), new(Numbers.Int(run.Seed), Numeric: true), new(Numbers.Int(round), Numeric: true),
                        new(round == 0 ? "D0" : row?.Difficulties ?? ""),
                        new(round == 0 || row is null ? "–" : $"{row.LabelsKept}/{row.LabelsGenerated}", Numeric: true),
                        inD0.Count == 0 ? new("–", Numeric: true) : Percent(inD0.Min(), solved),
                    };
                    cells.AddRange(sizes.Select(s => bySize.TryGetValue(s, out var a) ? Percent(a, solved) : new Cell("", Numeric: true)));
                    cells.Add(new(row is null ? "–" : Numbers.Int(row.Frontier), Numeric: true));
                    rows.Add(cells);
                }
        }
        string solvedText = (solved * 100).ToString("0.#", CultureInfo.InvariantCulture);
        return TableView.Export(context.Exports, new Table("accuracy-per-seed",
            $"Exact-match accuracy (%, floored) per length, arm, seed and round; solved (>= {solvedText} %) in bold", header, rows));
    }

    /// <summary>An accuracy as a floored percentage, bold when solved; "–" when there is none.</summary>
    internal static Cell Percent(double accuracy, double solved) =>
        new(double.IsNaN(accuracy) ? "–" : Math.Floor(accuracy * 100).ToString(CultureInfo.InvariantCulture), Best: accuracy >= solved, Numeric: true);
}
