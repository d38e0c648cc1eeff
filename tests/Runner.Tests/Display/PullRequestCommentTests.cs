using System.Text;
using NUnit.Framework;
using Runner.Cli.Display;
using Runner.Core.Ledger;
using Runner.Core.Ledger.Diff;

namespace Runner.Tests.Display;

/// <summary>The body CI posts on a pull request: marker, diff table, link, and a table that fits GitHub's limit.</summary>
public class PullRequestCommentTests
{
    const string Base = "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", Head = "2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    const string Link = "https://github.com/o/r/actions/runs/1/artifacts/2";

    // One run of spec "add" at round 1: frontier 10, and an accuracy per difficulty (1000 examples each).
    static LedgerSnapshot Side(string sha, IReadOnlyList<double> accuracies, int frontier = 10) => new(sha, sha,
        SnapshotSource.Committed, [],
        [new RoundRow { RunId = sha, SpecName = "add", Arm = "main", Seed = 1, Round = 1, Frontier = frontier }],
        accuracies.Select((accuracy, i) => new EvaluationRow
        {
            RunId = sha, SpecName = "add", Arm = "main", Seed = 1, Round = 1, Difficulty = i + 1,
            Examples = 1000, Correct = (int)Math.Round(accuracy * 1000), Accuracy = accuracy,
        }).ToList());

    static readonly LedgerSnapshot None = new(Base, Base, SnapshotSource.TaggedInWorkingTree, [], [], []);

    [Test]
    public void ABodyIsTheMarkerTheHeadingTheLinkAndTheDiffTable()
    {
        var diff = ResultsDiff.Compare(Side(Base, [0.9, 0.5]), Side(Head, [0.9, 0.4], frontier: 11));

        Assert.That(PullRequestComment.Render("add", diff, Link), Is.EqualTo($"""
            <!-- runner:spec=add -->
            ### runner: spec `add` at `2222222` vs the merge-base `1111111`

            Report and merged ledger: [artifact]({Link})

            | spec | arm | round | metric | seeds | A | B | delta | noise | verdict |
            |---|---|---:|---|---:|---:|---:|---:|---:|---|
            | add | main | 1 | frontier | 1/1 | 10.0 ± 0.0 | 11.0 ± 0.0 | +1.0 | 1.0 | within noise |
            | add | main | 1 | accuracy @ 1 | 1/1 | 0.900 ± 0.000 | 0.900 ± 0.000 | 0.000 | 0.027 | within noise |
            | add | main | 1 | accuracy @ 2 | 1/1 | 0.500 ± 0.000 | 0.400 ± 0.000 | -0.100 | 0.044 | worse |

            1 worse, 2 within noise

            """.Replace("\r\n", "\n")));
    }

    [Test]
    public void WithoutResultsAtTheMergeBaseEveryRowIsOnlyInTheHead_AndTheCommentSaysWhy()
    {
        var body = PullRequestComment.Render("add", ResultsDiff.Compare(None, Side(Head, [0.75])), link: null);

        Assert.That(body, Does.StartWith("<!-- runner:spec=add -->\n### runner: spec `add` at `2222222` vs the merge-base `1111111`\n\n" +
            "No results for `add` at the merge-base to compare with (a new spec, or none of its results are committed to the ledger there): every row is only in B.\n"));
        Assert.That(body, Does.Contain("| add | main | 1 | accuracy @ 1 | -/1 |  | 0.750 ± 0.000 |  |  | only in B |"));
        Assert.That(body, Does.Not.Contain("artifact"));
    }

    [Test]
    public void ATableTooLongForGitHubKeepsWhatGotWorse_InTableOrder_AndSaysWhatItLeftOut()
    {
        // 4000 difficulties, within noise but for a few at the end that got worse: about 440 kB of table.
        var a = Enumerable.Range(0, 4000).Select(i => 0.5).ToList();
        var b = a.Select((accuracy, i) => i % 1000 == 999 ? 0.2 : accuracy).ToList();
        var diff = ResultsDiff.Compare(Side(Base, a), Side(Head, b));

        var body = PullRequestComment.Render("add", diff, Link);

        Assert.That(Encoding.UTF8.GetByteCount(body), Is.LessThanOrEqualTo(PullRequestComment.GitHubLimit));
        Assert.That(Encoding.UTF8.GetByteCount(body), Is.GreaterThan(PullRequestComment.GitHubLimit - 200), "it fills the comment");
        var lines = body.Split('\n');
        Assert.That(lines[0], Is.EqualTo("<!-- runner:spec=add -->"));
        var rows = lines.Where(l => l.StartsWith("| add |")).ToList();
        Assert.That(rows.Where(r => r.EndsWith("| worse |")).Select(r => r.Split(" | ")[3]),
            Is.EqualTo(new[] { "accuracy @ 1000", "accuracy @ 2000", "accuracy @ 3000", "accuracy @ 4000" }), "every regression is kept");
        Assert.That(rows[0], Does.Contain("| frontier |"), "rows keep the table's order");
        Assert.That(rows[^1], Does.Contain("| accuracy @ 4000 |"));
        Assert.That(lines[^3], Is.EqualTo($"_{rows.Count:N0} of 4,001 rows shown (a comment holds 65,536 characters); every row is in the [report]({Link})._"));
        Assert.That(lines[^2], Is.EqualTo("4 worse, 3997 within noise"));
    }

    [Test]
    public void ASmallerLimitIsKept_AndWithoutALinkTheNoteNamesRunnerDiff()
    {
        var diff = ResultsDiff.Compare(Side(Base, Enumerable.Repeat(0.5, 50).ToList()), Side(Head, Enumerable.Repeat(0.5, 50).ToList()));

        var body = PullRequestComment.Render("add", diff, link: null, limit: 2000);

        Assert.That(Encoding.UTF8.GetByteCount(body), Is.InRange(1800, 2000));
        Assert.That(body, Does.Contain(" of 51 rows shown (a comment holds 2,000 characters); `runner diff` shows them all._\n51 within noise\n"));
    }
}
