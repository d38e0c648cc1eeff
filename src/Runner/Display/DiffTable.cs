using Runner.Core.Ledger.Diff;
using Spectre.Console;

namespace Runner.Cli.Display;

/// <summary>`runner diff` on the terminal: a coloured Spectre table, or plain ASCII text when not interactive (pipes, CI logs).</summary>
public static class DiffTable
{
    public static void Write(ResultsDiff diff, TextWriter output, bool interactive)
    {
        IAnsiConsole console = interactive ? AnsiConsole.Console : Plain(output);
        console.WriteLine($"A: {diff.A.Label}, {DiffCells.Source(diff.A)}");
        console.WriteLine($"B: {diff.B.Label}, {DiffCells.Source(diff.B)}");
        console.Write(Build(diff, interactive));
        console.WriteLine(DiffCells.Summary(diff));
    }

    public static Table Build(ResultsDiff diff, bool interactive)
    {
        var table = new Table { Border = interactive ? TableBorder.Rounded : TableBorder.Ascii };
        table.AddColumns("spec", "arm");
        table.AddColumn(new TableColumn("round").RightAligned());
        table.AddColumn("metric");
        foreach (var name in new[] { "seeds", "A", "B", "delta", "noise" })
            table.AddColumn(new TableColumn(name).RightAligned());
        table.AddColumn("verdict");
        foreach (var row in diff.Rows)
        {
            var cells = new[]
            {
                row.Spec, row.Arm, row.Round.ToString(), DiffCells.Metric(row), DiffCells.Seeds(row),
                DiffCells.Stats(row, row.A), DiffCells.Stats(row, row.B), DiffCells.Delta(row), DiffCells.Noise(row),
            };
            table.AddRow([.. cells.Select(Markup.Escape), Colored(row.Verdict)]);
        }
        return table;
    }

    static string Colored(Verdict verdict) => verdict switch
    {
        Verdict.Better => $"[green]{verdict.Text()}[/]",
        Verdict.Worse => $"[red]{verdict.Text()}[/]",
        Verdict.WithinNoise => verdict.Text(),
        _ => $"[yellow]{verdict.Text()}[/]",
    };

    static IAnsiConsole Plain(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        // A pipe has no width; a wide table should not wrap there.
        console.Profile.Width = 200;
        return console;
    }
}
