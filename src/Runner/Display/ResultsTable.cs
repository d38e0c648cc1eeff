using System.Globalization;
using Runner.Core.Runs;
using Spectre.Console;

namespace Runner.Cli.Display;

/// <summary>The end-of-run summary: exact-match accuracy (%) per difficulty per round, one table per arm x seed.</summary>
public static class ResultsTable
{
    public static void Print(IReadOnlyList<RunResult> results)
    {
        // Pipes and CI logs have no width; a wide table should not wrap there.
        if (!AnsiConsole.Profile.Capabilities.Interactive) AnsiConsole.Profile.Width = 200;
        foreach (var result in results) AnsiConsole.Write(Build(result));
        if (results.Count > 1)
            AnsiConsole.MarkupLine(Markup.Escape("final frontier: " +
                string.Join(", ", results.Select(r => $"{r.Plan.ArmName} seed {r.Plan.Seed} = {r.Rounds[^1].Frontier}"))));
    }

    public static Table Build(RunResult result)
    {
        var difficulties = result.Rounds.SelectMany(r => r.Evaluation.Select(e => e.Difficulty)).Distinct().Order().ToList();
        var table = new Table { Title = new TableTitle(Markup.Escape($"{result.Plan.SpecName} / {result.Plan.ArmName} / seed {result.Plan.Seed}: exact match (%) per difficulty")) };
        table.AddColumn("round");
        table.AddColumn("labelled");
        table.AddColumn("kept");
        foreach (var d in difficulties) table.AddColumn(new TableColumn(d.ToString(CultureInfo.InvariantCulture)).RightAligned());
        table.AddColumn("frontier");
        foreach (var round in result.Rounds)
        {
            var byDifficulty = round.Evaluation.ToDictionary(e => e.Difficulty, e => e.Accuracy);
            var cells = new List<string>
            {
                round.Round.ToString(CultureInfo.InvariantCulture),
                round.Round == 0 ? "D0" : string.Join(",", round.Difficulties),
                round.Round == 0 ? "" : $"{round.LabelsKept}/{round.Labels.Count}",
            };
            cells.AddRange(difficulties.Select(d => byDifficulty.TryGetValue(d, out var a) ? Cell(a, result.Plan.Spec.Eval.Solved) : ""));
            cells.Add(round.Frontier.ToString(CultureInfo.InvariantCulture));
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    /// <summary>Green when solved, red when mostly failed.</summary>
    static string Cell(double accuracy, double solved)
    {
        var text = double.IsNaN(accuracy) ? "-" : Math.Floor(accuracy * 100).ToString(CultureInfo.InvariantCulture);
        return accuracy >= solved ? $"[green]{text}[/]" : accuracy < 0.5 ? $"[red]{text}[/]" : text;
    }
}
