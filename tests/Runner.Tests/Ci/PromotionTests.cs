using NUnit.Framework;
using Runner.Core.Ci;
using Runner.Core.Ledger;
using Runner.Tests.EndToEnd;

namespace Runner.Tests.Ci;

/// <summary>After a merge, main takes the pull request's runs whose run key it shares instead of training them again.</summary>
public class PromotionTests
{
    static readonly WantedRun Si7 = new("spec-a", "si", 7), Si8 = new("spec-a", "si", 8);

    static RunRow Row(string arm, int seed, string specHash = "spec-a", string codeTree = "tree-1", string status = "completed", bool dirty = false, string id = "r") =>
        new() { RunId = id, Arm = arm, Seed = seed, SpecHash = specHash, CodeTree = codeTree, Status = status, GitDirty = dirty };

    static string Decide(WantedRun run, string codeTree, params RunRow[] candidates)
    {
        var decision = Promotion.Decide([run], codeTree, candidates).Single();
        return (decision.Promoted ? "promoted: " : "to run: ") + decision.Reason;
    }

    [Test]
    public void TheSameCodeTreeAndSpecArePromoted()
    {
        var decisions = Promotion.Decide([Si7, Si8], "tree-1", [Row("si", 7, id: "pr-7"), Row("si", 9)]);

        Assert.That(decisions[0].From!.RunId, Is.EqualTo("pr-7"));
        Assert.That(decisions[1].Promoted, Is.False, "seed 8 never ran in the pull request");
        Assert.That(decisions[1].Reason, Is.EqualTo("no run of it there"));
    }

    [Test]
    public void AnythingThatWouldChangeTheRunKeyKeepsTheRunToTrain()
    {
        Assert.That(Decide(Si7, "tree-2", Row("si", 7)), Is.EqualTo("to run: the code differs (code tree tree-1 there, tree-2 here)"));
        Assert.That(Decide(Si7, "tree-1", Row("si", 7, specHash: "spec-b")), Is.EqualTo("to run: the spec differs"));
        Assert.That(Decide(Si7, "tree-1", Row("si", 7, dirty: true)), Is.EqualTo("to run: it ran with uncommitted changes"));
        Assert.That(Decide(Si7, "tree-1", Row("si", 7, status: "stopped")), Is.EqualTo("to run: it did not complete there (stopped)"));
        Assert.That(Decide(Si7, GitInfo.Unknown, Row("si", 7, codeTree: GitInfo.Unknown)), Does.StartWith("to run: the code differs"),
            "outside a repository nothing is known to be the same");
        Assert.That(Decide(Si7, "tree-1", Row("other", 7)), Is.EqualTo("to run: no run of it there"));
    }

    [Test]
    public void OnMainAfterTheMerge_ThePullRequestsRunIsPromotedAndSkipped_UntilTheCodeChanges()
    {
        // Arms si and zero, one seed: the smallest real runs.
        using var repo = new TempRepository().Write("specs/tiny.yaml", TinySpec.Yaml)
            .Write("src/code.txt", "v1");
        repo.Commit("main");
        repo.Checkout("pr");
        repo.Write("specs/tiny.yaml", File.ReadAllText(repo.PathOf("specs/tiny.yaml")).Replace("labels_per_round: 48", "labels_per_round: 32"));
        var head = repo.Commit("the pull request's spec change");
        var outside = Directory.CreateTempSubdirectory("runner-promote-").FullName;
        try
        {
            var pr = RunnerProcess.Run(repo.Root, "run", "specs/tiny.yaml", "--ledger", Path.Combine(outside, "pr"), "--runs", Path.Combine(outside, "pr-runs"),
                "--threads", "1", "--no-report");
            Assert.That(pr.ExitCode, Is.EqualTo(0), pr.Stderr);

            // The merge: main's tree becomes the pull request's, plus a ledger commit (ledger/ is not code).
            repo.Write("ledger/README.md", "results");
            repo.Commit("merge");
            var main = Path.Combine(outside, "main");
            var promote = RunnerProcess.Run(repo.Root, "specs", "promote", "specs/tiny.yaml", "--from", Path.Combine(outside, "pr"), "--ledger", main);
            Assert.That(promote.ExitCode, Is.EqualTo(0), promote.Stderr);
            Assert.That(promote.Stdout, Does.Match($@"^specs/tiny.yaml: promoted 2 of 2 run\(s\) from .*pr; 0 to run\n" +
                $@"promoted: arm si, seed 7 \(\S+, commit {head[..7]}\): same code tree and spec\npromoted: arm zero, seed 7 \(\S+, commit {head[..7]}\): same code tree and spec\n$"));

            var run = RunnerProcess.Run(repo.Root, "run", "specs/tiny.yaml", "--ledger", main, "--runs", Path.Combine(outside, "main-runs"), "--threads", "1", "--no-report");
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
            Assert.That(run.Stdout, Does.Contain("si seed 7: already complete in the ledger").And.Contain("zero seed 7: already complete in the ledger"),
                "main trains nothing the pull request ran");

            var otherShard = RunnerProcess.Run(repo.Root, "specs", "promote", "specs/tiny.yaml", "--shard", "2/2", "--from", Path.Combine(outside, "pr"),
                "--ledger", Path.Combine(outside, "shard2"));
            Assert.That(otherShard.Stdout, Does.StartWith("specs/tiny.yaml: promoted 0 of 0 run(s)"), "seed 7 is shard 1's: shard 2 promotes none of it");

            repo.Write("src/code.txt", "v2");
            repo.Commit("a code change on main");
            var changed = RunnerProcess.Run(repo.Root, "specs", "promote", "specs/tiny.yaml", "--from", Path.Combine(outside, "pr"), "--ledger", Path.Combine(outside, "main2"));
            Assert.That(changed.ExitCode, Is.EqualTo(0), changed.Stderr);
            Assert.That(changed.Stdout, Does.Contain("promoted 0 of 2 run(s)").And.Contain("to run: arm si, seed 7: the code differs (code tree "));
            Assert.That(Directory.Exists(Path.Combine(outside, "main2")), Is.False, "nothing copied");
        }
        finally { Directory.Delete(outside, recursive: true); }
    }
}
