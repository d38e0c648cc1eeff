using Spectre.Console;

namespace Runner.Cli.Display;

/// <summary>
/// A table of text cells: a Spectre.Console table on a terminal, plain aligned columns anywhere
/// else (pipes, CI logs, tests), where box drawing and wrapping only get in the way of grep and diff.
/// </summary>
public sealed class ConsoleTable(string? title = null)
{
    /// <summary>A cell's text and, on a terminal only, its Spectre style such as "green".</summary>
    public readonly record struct Cell(string Text, string? Style = null)
    {
        public static implicit operator Cell(string text) => new(text);
    }

    readonly List<(string Header, bool RightAligned)> columns = [];
    readonly List<Cell[]> rows = [];

    /// <summary>True when stdout is a terminal a person is looking at.</summary>
    public static bool StdoutIsTerminal => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public ConsoleTable AddColumn(string header, bool rightAligned = false)
    {
        columns.Add((header, rightAligned));
        return this;
    }

    public void AddRow(params IEnumerable<Cell> cells)
    {
        Cell[] row = cells.ToArray();
        if (row.Length != columns.Count)
            throw new ArgumentException($"A row of {row.Length} cells in a table of {columns.Count} columns.", nameof(cells));
        rows.Add(row);
    }

    public void Write(TextWriter output, bool terminal)
    {
        if (terminal)
            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) }).Write(ToSpectre());
        else
            foreach (string line in PlainLines()) output.WriteLine(line);
    }

    public Table ToSpectre()
    {
        var table = new Table();
        if (title is not null) table.Title = new TableTitle(Markup.Escape(title));
        foreach (var (header, right) in columns)
            table.AddColumn(right ? new TableColumn(Markup.Escape(header)).RightAligned() : new TableColumn(Markup.Escape(header)));
        foreach (Cell[] row in rows)
            table.AddRow(row.Select(c => c.Style is null ? Markup.Escape(c.Text) : $"[{c.Style}]{Markup.Escape(c.Text)}[/]").ToArray());
        return table;
    }

    /// <summary>The title (if any), a header line, then one line per row; columns two spaces apart, numbers right-aligned.</summary>
    public IEnumerable<string> PlainLines()
    {
        if (title is not null) yield return title;
        int[] widths = columns.Select((c, i) => rows.Select(r => r[i].Text.Length).Append(c.Header.Length).Max()).ToArray();
        yield return Line(columns.Select(c => c.Header).ToArray(), widths);
        foreach (Cell[] row in rows) yield return Line(row.Select(c => c.Text).ToArray(), widths);
    }

    string Line(string[] texts, int[] widths) => string.Join("  ",
        texts.Select((t, i) => columns[i].RightAligned ? t.PadLeft(widths[i]) : t.PadRight(widths[i]))).TrimEnd();
}
