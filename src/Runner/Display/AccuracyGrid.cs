using System.Globalization;
using Runner.Core.Tasks;

namespace Runner.Cli.Display;

/// <summary>One round's line of the accuracy grid; <see cref="Difficulties"/> are the labelled ones, comma separated.</summary>
public sealed record AccuracyRound(int Round, string Difficulties, int LabelsKept, int LabelsGenerated,
    IReadOnlyDictionary<Difficulty, double> AccuracyByDifficulty, int Frontier);

/// <summary>
/// Exact-match accuracy (%) per difficulty per round: the table `runner run` ends with, and
/// `runner show` rebuilds from the ledger.
/// </summary>
public static class AccuracyGrid
{
    public static ConsoleTable Build(string title, IReadOnlyList<AccuracyRound> rounds, double solved)
    {
        var difficulties = rounds.SelectMany(r => r.AccuracyByDifficulty.Keys).Distinct().Order().ToList();
        var table = new ConsoleTable(title).AddColumn("round", rightAligned: true).AddColumn("labelled").AddColumn("kept", rightAligned: true);
        foreach (var d in difficulties) table.AddColumn(d.ToString(), rightAligned: true);
        table.AddColumn("frontier", rightAligned: true);
        foreach (var round in rounds)
        {
            var cells = new List<ConsoleTable.Cell>
            {
                round.Round.ToString(CultureInfo.InvariantCulture),
                round.Round == 0 ? "D0" : round.Difficulties,
                round.Round == 0 ? "" : $"{round.LabelsKept}/{round.LabelsGenerated}",
            };
            cells.AddRange(difficulties.Select(d => round.AccuracyByDifficulty.TryGetValue(d, out var a) ? Cell(a, solved) : ""));
            cells.Add(round.Frontier.ToString(CultureInfo.InvariantCulture));
            table.AddRow(cells);
        }
        return table;
    }

    /// <summary>Whole percent, rounded down so 99.9% never shows as solved; green when solved, red when mostly failed.</summary>
    static ConsoleTable.Cell Cell(double accuracy, double solved)
    {
        string text = double.IsNaN(accuracy) ? "-" : Math.Floor(accuracy * 100).ToString(CultureInfo.InvariantCulture);
        return new(text, accuracy >= solved ? "green" : accuracy < 0.5 ? "red" : null);
    }
}
