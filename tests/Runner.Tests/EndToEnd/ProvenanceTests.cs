using LibGit2Sharp;
using NUnit.Framework;
using Runner.Core.Ledger;

namespace Runner.Tests.EndToEnd;

/// <summary>Every run says which code made it; CI refuses code that is not committed.</summary>
public class ProvenanceTests
{
    string dir = "";
    Repository repo = null!;
    static readonly Signature Author = new("test", "test@example.com", DateTimeOffset.UnixEpoch);

    [SetUp]
    public void SetUp()
    {
        dir = Directory.CreateTempSubdirectory("runner-provenance-").FullName;
        repo = new Repository(Repository.Init(dir));
        File.WriteAllText(Path.Combine(dir, "tiny.yaml"), TinySpec.Yaml);
        File.WriteAllText(Path.Combine(dir, "code.txt"), "version 1\n");
        File.WriteAllText(Path.Combine(dir, ".gitignore"), "runs/\n");
        Commit("code and spec");
    }

    [TearDown]
    public void TearDown()
    {
        repo.Dispose();
        foreach (var file in Directory.GetFiles(dir, "*", SearchOption.AllDirectories)) File.SetAttributes(file, FileAttributes.Normal);
        Directory.Delete(dir, recursive: true);
    }

    Commit Commit(string message)
    {
        Commands.Stage(repo, "*");
        return repo.Commit(message, Author, Author);
    }

    async Task<List<RunRow>> Runs() => await new LedgerReader(Path.Combine(dir, "ledger")).ReadAsync<RunRow>();

    [Test]
    public async Task ARunResumedAfterCommittingResultsKeepsItsFirstCommit()
    {
        var first = repo.Head.Tip.Sha;
        using (var process = RunnerProcess.Start(dir, "run", "tiny.yaml", "--threads", "1"))
        {
            var rounds = Path.Combine(dir, "ledger", "rounds");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2) &&
                   !(Directory.Exists(rounds) && Directory.GetFiles(rounds, "part-*-si-*-r000.parquet", SearchOption.AllDirectories).Length > 0))
                Thread.Sleep(2);
            Assert.That(process.HasExited, Is.False, "the run ended before the kill point");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        Commit("results so far"); // only ledger/ changes: same code, a new HEAD

        var resumed = RunnerProcess.Run(dir, "run", "tiny.yaml", "--threads", "1");

        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.Stderr);
        Assert.That(resumed.Stdout, Does.Match(@"si seed 7: done \(resumed after round \d\)"));
        var si = (await Runs()).Single(r => r.Arm == "si");
        var siRounds = (await new LedgerReader(Path.Combine(dir, "ledger")).ReadAsync<RoundRow>()).Where(r => r.RunId == si.RunId).ToList();
        Assert.That(siRounds.Select(r => r.GitSha).Append(si.GitSha).Distinct(), Is.EqualTo(new[] { first }));
    }

    [Test]
    public async Task CleanRunRecordsTheCommitAndCommittingResultsDoesNotChangeTheCode()
    {
        var run = RunnerProcess.Run(dir, "run", "tiny.yaml", "--threads", "1");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        var rows = await Runs();
        Assert.That(rows.Select(r => (r.Arm, r.GitSha, r.GitDirty, r.GitDiffHash)), Is.EqualTo(new[]
        {
            ("si", repo.Head.Tip.Sha, false, ""), ("zero", repo.Head.Tip.Sha, false, ""),
        }));
        Assert.That(rows.Select(r => r.GitBranch).Distinct().Single(), Is.EqualTo(repo.Head.FriendlyName));
        Assert.That(rows[0].Cpu, Is.Not.Empty);
        Assert.That(rows[0].Packages, Does.Contain("TorchSharp=0.107.0"));

        Commit("results");
        var again = RunnerProcess.Run(dir, "run", "tiny.yaml", "--threads", "1");

        Assert.That(again.ExitCode, Is.EqualTo(0), again.Stderr);
        Assert.That(again.Stdout, Does.Contain("si seed 7: already complete in the ledger"), "the ledger is results, not code");
        Assert.That(await Runs(), Has.Count.EqualTo(2));
    }

    [Test]
    public void CiRefusesUncommittedCodeAndNamesTheFiles()
    {
        File.WriteAllText(Path.Combine(dir, "code.txt"), "version 2\n");
        File.WriteAllText(Path.Combine(dir, "new.txt"), "untracked\n");

        var run = RunnerProcess.Run(dir, "run", "tiny.yaml");

        Assert.That(run.ExitCode, Is.EqualTo(4));
        Assert.That(run.StderrLines, Is.EqualTo(new[]
        {
            "runner: error: uncommitted changes, refusing to run (CI=true or --require-clean): code.txt, new.txt",
        }));
        Assert.That(Directory.Exists(Path.Combine(dir, "ledger")), Is.False, "nothing trained or written");

        var explicitFlag = RunnerProcess.Run(dir, ci: false, "run", "tiny.yaml", "--require-clean");
        Assert.That(explicitFlag.ExitCode, Is.EqualTo(4));
    }

    [Test]
    public async Task DirtyRunOutsideCiRecordsAndSavesItsDiff()
    {
        File.WriteAllText(Path.Combine(dir, "code.txt"), "version 2\n");

        var run = RunnerProcess.Run(dir, ci: false, "run", "tiny.yaml", "--threads", "1");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        var row = (await Runs()).First(r => r.Arm == "si");
        Assert.That(row.GitDirty, Is.True);
        Assert.That(row.GitDiffHash, Has.Length.EqualTo(16));
        var diff = File.ReadAllText(Path.Combine(dir, "runs", row.RunId, "code.diff"));
        Assert.That(diff, Does.Contain("-version 1").And.Contain("+version 2").And.Contain(row.GitDiffHash));
    }

    [Test]
    public void OutsideARepositoryTheRunSaysSo()
    {
        var outside = Directory.CreateTempSubdirectory("runner-nogit-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(outside, "tiny.yaml"), TinySpec.Yaml);
            var run = RunnerProcess.Run(outside, "run", "tiny.yaml", "--threads", "1");
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
            Assert.That(run.StderrLines, Does.Contain("runner: note: not in a git repository; the ledger records git_sha 'unknown'"));
        }
        finally { Directory.Delete(outside, recursive: true); }
    }
}
