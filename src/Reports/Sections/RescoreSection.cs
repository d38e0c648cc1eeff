using System.Globalization;
using Runner.Core.Ledger;
using Runner.Reports.Tables;

namespace Runner.Reports.Sections;

/// <summary>
/// What `runner eval` measured when it evaluated the runs' checkpoints again (the rescores table):
/// accuracy and the answers' mean per-token entropy per length, for each evaluation setting, arm,
/// seed and round, a vote's models averaged as in the other tables. Entropy is the model's own
/// uncertainty, read without ground truth: where it rises past the frontier, the model knows it is
/// guessing. Null when the ledger holds no rescores of the spec.
/// </summary>
public static class RescoreSection
{
    public sealed record View(TableView Accuracy, TableView Entropy);

    public static View? Build(ReportContext context)
    {
        var side = context.Sides[^1];
        var runs = side.Arms.SelectMany(arm => arm.Runs.Select(run => (Arm: arm.Name, Run: run))).Where(r => r.Run.Rescores.Count > 0).ToList();
        if (runs.Count == 0) return null;
        double solved = side.Spec?.Eval.Solved ?? 0.99;
        var sizes = runs.SelectMany(r => r.Run.Rescores).Select(Size).Distinct().Order().ToList();
        var header = new List<string> { "arm", "seed", "settings", "round", "prompts" };
        header.AddRange(sizes.Select(s => s.ToString(CultureInfo.InvariantCulture)));
        var accuracy = new List<IReadOnlyList<Cell>>();
        var entropy = new List<IReadOnlyList<Cell>>();
        foreach (var (arm, run) in runs)
            foreach (var group in run.Rescores.GroupBy(r => (r.Settings, r.Round)).OrderBy(g => g.Key.Settings, StringComparer.Ordinal).ThenBy(g => g.Key.Round))
            {
                // Per size: a vote's models averaged, then a pair size's worst pair (accuracy) or mean (entropy).
                var perDifficulty = group.GroupBy(r => (r.Difficulty, r.DifficultyB))
                    .Select(d => (Size: Size(d.First()), Accuracy: d.Average(r => r.Accuracy), Entropy: d.Average(r => r.MeanEntropy))).ToList();
                var bySize = perDifficulty.GroupBy(d => d.Size).ToDictionary(g => g.Key, g => (Accuracy: g.Min(d => d.Accuracy), Entropy: g.Average(d => d.Entropy)));
                List<Cell> Start() =>
                [
                    new(arm), new(Numbers.Int(run.Seed), Numeric: true), new(group.Key.Settings), new(Numbers.Int(group.Key.Round), Numeric: true),
                    new(Prompts(group), Numeric: true),
                ];
                var accuracyRow = Start();
                accuracyRow.AddRange(sizes.Select(s => bySize.TryGetValue(s, out var v)
                    ? SeedAccuracySection.Percent(v.Accuracy, solved)
                    : new Cell("", Numeric: true)));
                accuracy.Add(accuracyRow);
                var entropyRow = Start();
                entropyRow.AddRange(sizes.Select(s => bySize.TryGetValue(s, out var v)
                    ? new Cell(v.Entropy.ToString("0.000", CultureInfo.InvariantCulture), Numeric: true)
                    : new Cell("", Numeric: true)));
                entropy.Add(entropyRow);
            }
        string solvedText = (solved * 100).ToString("0.#", CultureInfo.InvariantCulture);
        return new View(
            TableView.Export(context.Exports, new Table("rescored-accuracy",
                $"Evaluated again (runner eval): exact-match accuracy (%, floored) per length; solved (>= {solvedText} %) in bold", header, accuracy)),
            TableView.Export(context.Exports, new Table("rescored-entropy",
                "Evaluated again (runner eval): mean per-token entropy of the answers (nats) per length", header, entropy)));
    }

    static int Size(RescoreRow row) => Math.Max(row.Difficulty, row.DifficultyB ?? 0);

    /// <summary>Prompts a difficulty: one number, or the range where D0's held-out sets (or small lengths) gave fewer.</summary>
    static string Prompts(IEnumerable<RescoreRow> rows)
    {
        int least = rows.Min(r => r.Examples), most = rows.Max(r => r.Examples);
        return least == most ? Numbers.Int(most) : $"{Numbers.Int(least)}-{Numbers.Int(most)}";
    }
}
