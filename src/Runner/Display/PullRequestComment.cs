using System.Text;
using Runner.Core.Ledger.Diff;

namespace Runner.Cli.Display;

/// <summary>
/// The pull request comment CI posts for one spec: a hidden marker that finds the comment again (so later runs
/// edit it in place), the diff of the pull request's results against its merge-base as a Markdown table, and the
/// link to the report. A table too long for GitHub keeps its regressions first, then improvements, then the rest,
/// and says how many rows it left out and where they all are.
/// </summary>
public static class PullRequestComment
{
    /// <summary>GitHub's limit on a comment body, in characters; the body is kept to that many UTF-8 bytes, which is never more characters.</summary>
    public const int GitHubLimit = 65_536;

    /// <summary>The first line of the comment of <paramref name="spec"/>: what CI searches for to update it.</summary>
    public static string Marker(string spec) => $"<!-- runner:spec={spec} -->";

    /// <param name="link">The report's artifact, or null when there is none to link.</param>
    public static string Render(string spec, ResultsDiff diff, string? link, int limit = GitHubLimit)
    {
        var head = new List<string>
        {
            Marker(spec),
            $"### runner: spec `{spec}` at {DiffMarkdown.Side(diff.B)} vs the merge-base {DiffMarkdown.Side(diff.A)}",
            "",
        };
        if (link is not null) head.Add($"Report and merged ledger: [artifact]({link})");
        if (diff.A.IsEmpty)
            head.Add($"No results for `{spec}` at the merge-base to compare with (a new spec, or none of its results are committed to the ledger there): every row is only in B.");
        head.Add("");
        head.AddRange(DiffMarkdown.Header);
        string summary = DiffCells.Summary(diff);

        var rows = diff.Rows.Select(DiffMarkdown.Row).ToList();
        var all = Join([.. head, .. rows, "", summary]);
        if (Bytes(all) <= limit) return all;

        // Too long: the most telling rows that fit, in table order, and a note that says what is missing.
        string Note(int shown) => $"_{shown:N0} of {rows.Count:N0} rows shown (a comment holds {limit:N0} characters); " +
            (link is null ? "`runner diff` shows them all._" : $"every row is in the [report]({link})._");
        int budget = limit - Bytes(Join([.. head, "", Note(rows.Count), summary]));
        var kept = new SortedSet<int>();
        foreach (int i in Enumerable.Range(0, rows.Count).OrderBy(i => Rank(diff.Rows[i].Verdict)).ThenBy(i => i))
        {
            int cost = Bytes(rows[i]) + 1;
            if (cost > budget) break;
            budget -= cost;
            kept.Add(i);
        }
        return Join([.. head, .. kept.Select(i => rows[i]), "", Note(kept.Count), summary]);
    }

    // Which rows a short table keeps first: what got worse, then better, then what one side lacks, then the rest.
    static int Rank(Verdict verdict) => verdict switch
    {
        Verdict.Worse => 0,
        Verdict.Better => 1,
        Verdict.OnlyInA or Verdict.OnlyInB => 2,
        _ => 3,
    };

    static string Join(IEnumerable<string> lines) => string.Join("\n", lines) + "\n";

    static int Bytes(string text) => Encoding.UTF8.GetByteCount(text);
}
