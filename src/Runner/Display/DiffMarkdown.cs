using Runner.Core.Ledger.Diff;

namespace Runner.Cli.Display;

/// <summary>`runner diff --format md`: a GitHub-flavoured Markdown heading and table, ready to paste as a PR comment.</summary>
public static class DiffMarkdown
{
    public static IEnumerable<string> Lines(ResultsDiff diff) =>
        [$"### runner diff: {Side(diff.A)} vs {Side(diff.B)}", "", .. Header, .. diff.Rows.Select(Row), "", DiffCells.Summary(diff)];

    /// <summary>The table's header and alignment lines.</summary>
    public static readonly IReadOnlyList<string> Header =
    [
        "| spec | arm | round | metric | seeds | A | B | delta | noise | verdict |",
        "|---|---|---:|---|---:|---:|---:|---:|---:|---|",
    ];

    /// <summary>One table line.</summary>
    public static string Row(DiffRow row)
    {
        string[] cells =
        [
            row.Spec, row.Arm, row.Round.ToString(), DiffCells.Metric(row), DiffCells.Seeds(row),
            DiffCells.Stats(row, row.A), DiffCells.Stats(row, row.B), DiffCells.Delta(row), DiffCells.Noise(row),
            row.Verdict.Text(),
        ];
        return $"| {string.Join(" | ", cells.Select(c => c.Replace("|", "\\|")))} |";
    }

    /// <summary>A side as a heading names it, in code style: GitHub reads a single '~' (HEAD~1) as strikethrough.</summary>
    public static string Side(LedgerSnapshot side) => side.Revision is null ? side.Label : $"`{side.Label}`";
}
