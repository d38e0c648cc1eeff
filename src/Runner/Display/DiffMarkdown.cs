using Runner.Core.Ledger.Diff;

namespace Runner.Cli.Display;

/// <summary>`runner diff --format md`: a GitHub-flavoured Markdown heading and table, ready to paste as a PR comment.</summary>
public static class DiffMarkdown
{
    public static IEnumerable<string> Lines(ResultsDiff diff)
    {
        yield return $"### runner diff: {Side(diff.A)} vs {Side(diff.B)}";
        yield return "";
        yield return "| spec | arm | round | metric | seeds | A | B | delta | noise | verdict |";
        yield return "|---|---|---:|---|---:|---:|---:|---:|---:|---|";
        foreach (var row in diff.Rows)
        {
            string[] cells =
            [
                row.Spec, row.Arm, row.Round.ToString(), DiffCells.Metric(row), DiffCells.Seeds(row),
                DiffCells.Stats(row, row.A), DiffCells.Stats(row, row.B), DiffCells.Delta(row), DiffCells.Noise(row),
                row.Verdict.Text(),
            ];
            yield return $"| {string.Join(" | ", cells.Select(c => c.Replace("|", "\\|")))} |";
        }
        yield return "";
        yield return DiffCells.Summary(diff);
    }

    // In code style: GitHub reads a single '~' (HEAD~1) as strikethrough.
    static string Side(LedgerSnapshot side) => side.Revision is null ? side.Label : $"`{side.Label}`";
}
