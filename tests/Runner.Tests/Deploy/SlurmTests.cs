using System.Diagnostics;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Runner.Core.Ledger;
using Runner.Tests.EndToEnd;

namespace Runner.Tests.Deploy;

/// <summary>
/// deploy/slurm/ on a real single-node Slurm (tools/slurm-local.sh: munged, slurmctld, slurmd): a tiny spec
/// submitted as a 3-task array plus the merge job gives the ledger one process gives; one task cancelled
/// mid-run (scancel) and resubmitted alone resumes from its last round, and the merge is still the same.
/// `bash .ci/run` installs Slurm; without it (or without root, which slurmd needs) the tests are skipped,
/// saying why.
/// </summary>
[NonParallelizable]
public class SlurmTests
{
    // Three seeds, so three shards; a task's two rounds after round 0 take seconds, time for scancel to land mid-run.
    const string Spec = """
        name: slurm
        task: {kind: reverse, d0: {min: 1, max: 4}}
        model: {layers: 1, heads: 2, d_model: 32, ffn: 64, context: 32}
        training:
          batch: 16
          peak_lr: 0.003
          round0: {warmup: 5, stable: 10, decay: 15}
          rounds: {warmup: 0, stable: 30, decay: 10}
        self_improve: {rounds: 2, labels_per_round: 32, decode_batch: 16}
        eval: {examples: 16, above: 2}
        seeds: [7, 8, 9]
        """;

    // Every wait is bounded; generous, for a loaded 2-core machine (a task there takes a minute, not seconds).
    static readonly TimeSpan Bound = TimeSpan.FromMinutes(8);

    string cluster = "";
    TempRepository repo = null!;
    string sha = "";
    List<string> reference = [];

    [OneTimeSetUp]
    public async Task StartSlurmAndRunTheSpecInOneProcess()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            Skip("slurmd must run as root on Linux");
        if (!File.Exists("/usr/sbin/slurmctld") || !File.Exists("/usr/sbin/munged"))
            Skip("Slurm is not installed (bash .ci/run installs slurmctld, slurmd, slurm-client and munge)");

        cluster = Directory.CreateTempSubdirectory("runner-slurm-").FullName;
        var start = Shell(RunnerProcess.RepositoryRoot(), "bash", "tools/slurm-local.sh", "start", cluster);
        Assert.That(start.ExitCode, Is.EqualTo(0), "Slurm is installed but did not start:\n" + start.Stdout + start.Stderr);

        // The repository the user submits from: the spec and deploy/slurm/ committed (the jobs run the commit's copies).
        repo = new TempRepository().Write("specs/slurm.yaml", Spec);
        foreach (var file in Directory.GetFiles(Path.Combine(RunnerProcess.RepositoryRoot(), "deploy", "slurm")))
            repo.Write(Path.Combine("deploy", "slurm", Path.GetFileName(file)), File.ReadAllText(file));
        sha = repo.Commit("a spec to run on Slurm");

        var single = Shell(repo.Root, "dotnet", Path.Combine(AppContext.BaseDirectory, "runner.dll"), "run", "specs/slurm.yaml",
            "--ledger", Path.Combine(cluster, "single"), "--runs", Path.Combine(cluster, "single-runs"), "--no-report");
        Assert.That(single.ExitCode, Is.EqualTo(0), single.Stderr);
        reference = await LedgerContent.Of(new LedgerReader(Path.Combine(cluster, "single")));
        Assert.That(reference.Count(l => l.StartsWith("run ")), Is.EqualTo(3));
    }

    // Printed as the suite runs, not only in the results: a skipped Slurm test must say why where CI's log shows it.
    static void Skip(string reason)
    {
        TestContext.Progress.WriteLine($"SlurmTests skipped: {reason}");
        Assert.Ignore($"SlurmTests skipped: {reason}");
    }

    [OneTimeTearDown]
    public void StopSlurm()
    {
        if (cluster.Length == 0) return;
        Shell(RunnerProcess.RepositoryRoot(), "bash", "tools/slurm-local.sh", "stop", cluster);
        repo?.Dispose();
        Directory.Delete(cluster, recursive: true);
    }

    [Test, Order(1)]
    public async Task AThreeTaskArrayAndItsMergeJobGiveTheLedgerOfOneProcess()
    {
        var state = Path.Combine(cluster, "state-once");
        var submit = Submit(state);
        Assert.That(submit.Stdout, Does.Match($@"^commit {sha[..7]}, spec specs/slurm.yaml: shard job \d+ \(tasks 0-2 of 0-2\), merge job \d+\n"));

        var results = Path.Combine(state, "results", sha, "specs-slurm");
        WaitFor(() => Directory.Exists(Path.Combine(results, "merged")), results, "the merge job's output");

        var merged = new LedgerReader(Path.Combine(results, "merged", "ledger"));
        Assert.That(await LedgerContent.Of(merged), Is.EqualTo(reference));
        Assert.That((await merged.ReadAsync<RunRow>()).Select(r => r.GitSha).Distinct(), Is.EqualTo(new[] { sha }), "every task ran the pinned commit");
        Assert.That(File.Exists(Path.Combine(results, "merged", "report", "index.html")), Is.True, "the merge job rendered the report");
        for (int i = 1; i <= 3; i++)
            Assert.That(File.ReadAllText(Directory.GetFiles(Path.Combine(results, "logs"), $"shard-{i - 1}-job-*.log").Single()),
                Does.Contain($"shard {i}/3: seed {6 + i}, 1 of 3 run(s)"), "task i - 1 is shard i of 3");
    }

    [Test, Order(2)]
    public async Task ATaskCancelledMidRunAndResubmittedAloneResumes_AndTheMergeIsStillTheSame()
    {
        var state = Path.Combine(cluster, "state-cancel");
        var submit = Submit(state);
        var array = JobId(submit, "shard job");
        var merge = JobId(submit, "merge job");
        var results = Path.Combine(state, "results", sha, "specs-slurm");
        var shard2 = Path.Combine(results, "shard-2-of-3");

        // Task 1 (shard 2, seed 8) is cancelled once its round 0 is in the ledger.
        WaitFor(() => Directory.Exists(Path.Combine(shard2, "ledger", "rounds")) &&
            Directory.GetFiles(Path.Combine(shard2, "ledger", "rounds"), "part-*-r000.parquet", SearchOption.AllDirectories).Length > 0,
            results, "task 1's round 0");
        Assert.That(File.Exists(Path.Combine(shard2, "done")), Is.False, "task 1 finished before it could be cancelled");
        Assert.That(Shell(repo.Root, "scancel", $"{array}_1").ExitCode, Is.EqualTo(0));
        WaitFor(() => Squeue(array).Length == 0 && Squeue(merge).Length == 0, results,
            "the other tasks to finish and the merge job to be dropped (its dependency can no longer be met)");
        Assert.That(Directory.Exists(Path.Combine(results, "merged")), Is.False, "no merge without every shard");
        Assert.That(File.Exists(Path.Combine(shard2, "done")), Is.False);

        var again = Submit(state, "--tasks", "1");
        Assert.That(again.Stdout, Does.Contain("(tasks 1 of 0-2)"));
        WaitFor(() => Directory.Exists(Path.Combine(results, "merged")), results, "the second merge job's output");

        var resubmitted = JobId(again, "shard job");
        var log = File.ReadAllText(Path.Combine(results, "logs", $"shard-1-job-{resubmitted}.log"));
        Assert.That(log, Does.Contain("shard 2/3: seed 8, 1 of 3 run(s)"), "the resubmitted task is still shard 2 of 3");
        Assert.That(log, Does.Match(@"main seed 8: done \(resumed after round \d\)"));
        Assert.That(await LedgerContent.Of(new LedgerReader(Path.Combine(results, "merged", "ledger"))), Is.EqualTo(reference));
    }

    ProcessResult Submit(string state, params string[] more)
    {
        string[] args = [Path.Combine(RunnerProcess.RepositoryRoot(), "deploy", "slurm", "submit.sh"), "specs/slurm.yaml", "--shards", "3",
            "--state", state, "--backend", "cpu", "--runner", Path.Combine(AppContext.BaseDirectory, "runner.dll"), .. more];
        var submit = Shell(repo.Root, "bash", args);
        Assert.That(submit.ExitCode, Is.EqualTo(0), submit.Stdout + submit.Stderr);
        return submit;
    }

    static string JobId(ProcessResult submit, string job) => Regex.Match(submit.Stdout, job + @" (\d+)").Groups[1].Value;

    string Squeue(string job) => Shell(repo.Root, "squeue", "-h", "-j", job).Stdout.Trim();

    // Polls every 100 ms, at most Bound; on a timeout the failure shows the queue and the job logs.
    void WaitFor(Func<bool> condition, string results, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Bound)
            {
                var logs = Directory.Exists(Path.Combine(results, "logs"))
                    ? string.Join("\n", Directory.GetFiles(Path.Combine(results, "logs")).Select(f => $"--- {Path.GetFileName(f)}\n{File.ReadAllText(f)}"))
                    : "(no logs)";
                Assert.Fail($"waited {Bound.TotalMinutes} min for {what}\n{Shell(repo.Root, "squeue").Stdout}\n{logs}");
            }
            Thread.Sleep(100);
        }
    }

    ProcessResult Shell(string workingDirectory, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        if (cluster.Length > 0) start.Environment["SLURM_CONF"] = Path.Combine(cluster, "slurm.conf");
        start.Environment["RUNNER_CACHE"] = RunnerProcess.CalibrationCacheRoot;
        start.Environment["CI"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Bound))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish in {Bound.TotalMinutes} minutes");
        }
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
