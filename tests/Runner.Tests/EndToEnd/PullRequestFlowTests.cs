using System.Text.Json;
using NUnit.Framework;
using Runner.Core.Ledger;

namespace Runner.Tests.EndToEnd;

/// <summary>
/// What .github/workflows/experiment.yml does for a pull request that edits a spec, step by step with the same
/// commands, on CPU in a temporary repository: main has the spec and its committed ledger; the pull request edits
/// the spec; CI finds the changed spec, plans its shards, runs each shard with its own ledger outside the checkout,
/// merges the shard ledgers by copying files, verifies them and renders the comment against the merge-base.
/// </summary>
public class PullRequestFlowTests
{
    TempRepository repo = null!;
    string state = ""; // what a GPU runner keeps outside its checkout: shard ledgers and checkpoints

    // Trained long enough to copy most short strings, so the comment has numbers worth reading (docs/ci.md shows one).
    const string Spec = """
        name: tiny
        task: {kind: copy, d0: {min: 1, max: 4}}
        model: {layers: 2, heads: 2, d_model: 32, ffn: 64, context: 32}
        training:
          batch: 32
          peak_lr: 0.003
          round0: {warmup: 10, stable: 150, decay: 90}
          rounds: {warmup: 0, stable: 20, decay: 30}
        self_improve: {rounds: 2, labels_per_round: 64, decode_batch: 32}
        eval: {examples: 32, above: 2}
        seeds: [7, 8]
        """;

    [SetUp]
    public void SetUp()
    {
        repo = new TempRepository();
        state = Directory.CreateTempSubdirectory("runner-ci-state-").FullName;
    }

    [TearDown]
    public void TearDown()
    {
        repo.Dispose();
        Directory.Delete(state, recursive: true);
    }

    ProcessResult Runner(params string[] args)
    {
        var result = RunnerProcess.Run(repo.Root, args);
        Assert.That(result.ExitCode, Is.EqualTo(0), $"runner {string.Join(' ', args)}: {result.Stderr}");
        return result;
    }

    [Test]
    public async Task ChangedSpecRunsInShards_MergesByCopy_AndTheCommentDiffsItAgainstTheMergeBase()
    {
        // main: the spec, then its results committed to ledger/ (what the workflow does on a push to main).
        repo.Write("specs/tiny.yaml", Spec).Write("specs/other.yaml", "name: other");
        string first = repo.Commit("add the tiny spec");
        string main = repo.Branch;
        Runner("run", "specs/tiny.yaml", "--runs", Path.Combine(state, "main-runs"), "--threads", "1");
        var mergeBase = repo.Commit("ledger: tiny");

        // The pull request edits the spec: fewer labels a round.
        repo.Checkout("pr");
        string head = repo.Write("specs/tiny.yaml", Spec.Replace("labels_per_round: 64", "labels_per_round: 32")).Commit("tiny: 32 labels a round");

        // The changes job.
        Assert.That(Runner("specs", "changed", main, "HEAD").Stdout, Is.EqualTo("specs/tiny.yaml\n"));
        var matrix = JsonDocument.Parse(Runner("specs", "matrix", "specs/tiny.yaml", "--shards", "3").Stdout).RootElement;
        Assert.That(matrix.GetProperty("specs").GetRawText(), Is.EqualTo("""[{"path":"specs/tiny.yaml","name":"tiny","id":"specs-tiny","shards":2}]"""),
            "two seeds: two shards, not three");
        var shards = matrix.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("shard").GetString()!).ToList();
        Assert.That(shards, Is.EqualTo(new[] { "1/2", "2/2" }));

        // The GPU jobs: each shard in its own process, ledger and checkpoints outside the checkout (CI=true: a clean tree).
        foreach (var shard in shards)
        {
            string folder = Path.Combine(state, "shard-" + shard.Replace('/', '-'));
            Runner("run", "specs/tiny.yaml", "--shard", shard, "--ledger", Path.Combine(folder, "ledger"), "--runs", Path.Combine(folder, "runs"), "--threads", "1");
        }

        // The merge job: the shards' ledger files copied into the checkout's ledger/, beside main's.
        foreach (var shard in shards)
        {
            string from = Path.Combine(state, "shard-" + shard.Replace('/', '-'), "ledger");
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                var target = repo.PathOf(Path.Combine("ledger", Path.GetRelativePath(from, file)));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
        Runner("ledger", "verify");
        var headRuns = (await new LedgerReader(repo.PathOf("ledger")).ReadAsync<RunRow>()).Where(r => r.GitSha != first).ToList();
        Assert.That(headRuns.Select(r => $"{r.Arm} {r.Seed} {r.GitSha}").Order(), Is.EqualTo(new[] { $"main 7 {head}", $"main 8 {head}" }));

        var body = Runner("comment", "tiny", "--base", main, "--head", head, "--link", "https://example.test/artifact/1").Stdout;
        TestContext.Out.WriteLine(body); // docs/ci.md shows one of these
        var lines = body.Split('\n');
        Assert.That(lines[..4], Is.EqualTo(new[]
        {
            "<!-- runner:spec=tiny -->",
            $"### runner: spec `tiny` at `{head[..7]}` vs the merge-base `{mergeBase[..7]}`",
            "",
            "Report and merged ledger: [artifact](https://example.test/artifact/1)",
        }));
        var rows = lines.Where(l => l.StartsWith("| tiny |")).ToList();
        // Round 0 does not depend on the labels per round: on CPU, the same results exactly.
        var roundZero = rows.Where(r => r.StartsWith("| tiny | main | 0 |")).ToList();
        Assert.That(roundZero, Has.Count.EqualTo(1 + 4 + 1 + 2), "the frontier, and D0's 4 lengths, one past them and 2 above");
        Assert.That(roundZero, Has.All.Match(@"\| 2/2 \| (\S+) ± (\S+) \| \1 ± \2 \| (0\.000|0\.0) \| \S+ \| within noise \|$"));
        Assert.That(rows, Has.Some.StartsWith("| tiny | main | 2 | frontier | 2/2 |"), "the later rounds are compared too");
        Assert.That(lines[^2], Does.Match(@"^(\d+ (better|worse|within noise)(, )?)+$"));

        // A short limit keeps the comment under it and says so.
        var shortBody = Runner("comment", "tiny", "--base", main, "--head", head, "--max-chars", "1500").Stdout;
        Assert.That(shortBody.Length, Is.LessThanOrEqualTo(1500));
        Assert.That(shortBody, Does.Contain($" of {rows.Count} rows shown (a comment holds 1,500 characters); `runner diff` shows them all._"));

        // Committed (on a push to main the workflow commits the merged ledger), the diff between commits needs git alone.
        var merged = repo.Commit("ledger: tiny at the pull request");
        Directory.Delete(repo.PathOf("ledger"), recursive: true);
        var diff = Runner("diff", mergeBase, merged, "--spec", "tiny", "--format", "md");
        Assert.That(diff.Stdout.Split('\n').Count(l => l.StartsWith("| tiny |")), Is.EqualTo(rows.Count));
    }

    [Test]
    public void WithoutResultsRunAtHeadTheCommentFails_AndAnUnknownBaseExitsTwo()
    {
        repo.Write("specs/tiny.yaml", Spec).Commit("add the tiny spec");

        var none = RunnerProcess.Run(repo.Root, "comment", "tiny", "--base", "HEAD");
        Assert.That(none.ExitCode, Is.EqualTo(1));
        Assert.That(none.StderrLines, Has.Count.EqualTo(1).And.Some.StartsWith("runner: error: no results of spec 'tiny' run at HEAD ("));

        var unknown = RunnerProcess.Run(repo.Root, "comment", "tiny", "--base", "nope");
        Assert.That(unknown.ExitCode, Is.EqualTo(2));
        Assert.That(unknown.StderrLines, Is.EqualTo(new[] { $"runner: error: unknown revision 'nope' in {repo.Root}/" }));
    }
}
