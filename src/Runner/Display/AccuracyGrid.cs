using System.Globalization;
using Runner.Core.Tasks;

namespace Runner.Cli.Display;

/// <summary>One round's line of the accuracy grid; <see cref="Difficulties"/> are the labelled ones, comma separated.</summary>
public sealed record AccuracyRound(int Round, string Difficulties, int LabelsKept, int LabelsGenerated,
    IReadOnlyDictionary<Difficulty, double> AccuracyByDifficulty, int Frontier);

/// <summary>
/// Exact-match accuracy (%) per difficulty per round: the table `runner run` ends with, and
/// `runner show` rebuilds from the ledger. Pair difficulties (multiplication) get one column per
/// size n with the worst pair of that size (what the frontier reads), and a grid of every pair
/// for the last round.
/// </summary>
public static class AccuracyGrid
{
    public static IReadOnlyList<ConsoleTable> Build(string title, IReadOnlyList<AccuracyRound> rounds, double solved)
    {
        bool pairs = rounds.Any(r => r.AccuracyByDifficulty.Keys.Any(d => d.IsPair));
        var columns = rounds.SelectMany(r => r.AccuracyByDifficulty.Keys).Select(d => pairs ? d.Size : d).Distinct().Order().ToList();
        var table = new ConsoleTable(pairs ? $"{title} (worst pair a x b with max(a, b) = n)" : title)
            .AddColumn("round", rightAligned: true).AddColumn("labelled").AddColumn("kept", rightAligned: true);
        foreach (var d in columns) table.AddColumn(d.ToString(), rightAligned: true);
        table.AddColumn("frontier", rightAligned: true);
        foreach (var round in rounds)
        {
            var cells = new List<ConsoleTable.Cell>
            {
                round.Round.ToString(CultureInfo.InvariantCulture),
                round.Round == 0 ? "D0" : round.Difficulties,
                round.Round == 0 ? "" : $"{round.LabelsKept}/{round.LabelsGenerated}",
            };
            cells.AddRange(columns.Select(column =>
            {
                var values = round.AccuracyByDifficulty.Where(e => (pairs ? e.Key.Size : e.Key) == column).Select(e => e.Value).ToList();
                return values.Count == 0 ? new ConsoleTable.Cell("") : Cell(values.Min(), solved);
            }));
            cells.Add(round.Frontier.ToString(CultureInfo.InvariantCulture));
            table.AddRow(cells);
        }
        return pairs && rounds.LastOrDefault(r => r.AccuracyByDifficulty.Count > 0) is { } last ? [table, PairGrid(last, solved)] : [table];
    }

    /// <summary>Round r's accuracy for every pair: digits of a down, digits of b across.</summary>
    static ConsoleTable PairGrid(AccuracyRound round, double solved)
    {
        var byPair = round.AccuracyByDifficulty;
        var rows = byPair.Keys.Select(d => d.A).Distinct().Order().ToList();
        var columns = byPair.Keys.Select(d => d.B).Distinct().Order().ToList();
        var table = new ConsoleTable($"round {round.Round}: exact match (%) per pair, digits of a down, digits of b across").AddColumn("a \\ b", rightAligned: true);
        foreach (int b in columns) table.AddColumn(b.ToString(CultureInfo.InvariantCulture), rightAligned: true);
        foreach (int a in rows)
            table.AddRow([a.ToString(CultureInfo.InvariantCulture),
                .. columns.Select(b => byPair.TryGetValue(Difficulty.Pair(a, b), out var accuracy) ? Cell(accuracy, solved) : new ConsoleTable.Cell(""))]);
        return table;
    }

    /// <summary>Whole percent, rounded down so 99.9% never shows as solved; green when solved, red when mostly failed.</summary>
    static ConsoleTable.Cell Cell(double accuracy, double solved)
    {
        string text = double.IsNaN(accuracy) ? "-" : Math.Floor(accuracy * 100).ToString(CultureInfo.InvariantCulture);
        return new(text, accuracy >= solved ? "green" : accuracy < 0.5 ? "red" : null);
    }
}
