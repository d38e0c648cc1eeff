using System.Diagnostics;
using NUnit.Framework;
using Runner.Core.Ledger;

namespace Runner.Tests.EndToEnd;

/// <summary>
/// Kill `runner run` for real (SIGKILL) at several points; the next `runner run` completes the
/// run with no partial file, no duplicate row and no missing round, and the same numbers as a
/// run that was never interrupted.
/// </summary>
public class ResumeTests
{
    string dir = "";

    const string Spec = """
        name: resume
        task: {kind: reverse, d0: {min: 1, max: 4}}
        model: {layers: 1, heads: 2, d_model: 32, ffn: 64, context: 32}
        training:
          batch: 16
          peak_lr: 0.003
          round0: {warmup: 10, stable: 40, decay: 50}
          rounds: {warmup: 0, stable: 10, decay: 30}
        self_improve: {rounds: 3, labels_per_round: 64, decode_batch: 16}
        eval: {examples: 24, above: 2}
        seeds: [5]
        """;

    [SetUp]
    public void SetUp()
    {
        dir = Directory.CreateTempSubdirectory("runner-resume-").FullName;
        File.WriteAllText(Path.Combine(dir, "resume.yaml"), Spec);
    }

    [TearDown] public void TearDown() => Directory.Delete(dir, recursive: true);

    ProcessResult Run(string ledger) => RunnerProcess.Run(dir, "run", "resume.yaml", "--ledger", ledger, "--runs", ledger + "-runs", "--threads", "1");

    /// <summary>Starts a run and SIGKILLs it as soon as <paramref name="killWhen"/> holds for its ledger.</summary>
    void RunAndKill(string ledger, Func<string, bool> killWhen)
    {
        using var process = RunnerProcess.Start(dir, "run", "resume.yaml", "--ledger", ledger, "--runs", ledger + "-runs", "--threads", "1");
        var root = Path.Combine(dir, ledger);
        var clock = Stopwatch.StartNew();
        while (!process.HasExited && !killWhen(root) && clock.Elapsed < TimeSpan.FromMinutes(2)) Thread.Sleep(2);
        Assert.That(process.HasExited, Is.False, "the run ended before the kill point");
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    static bool Has(string root, string table, string pattern) =>
        Directory.Exists(Path.Combine(root, table)) &&
        Directory.GetFiles(Path.Combine(root, table), pattern, SearchOption.AllDirectories).Length > 0;

    /// <summary>Holds once <paramref name="delay"/> has passed since its first call, which comes right after the process starts.</summary>
    static Func<string, bool> After(TimeSpan delay)
    {
        Stopwatch? clock = null;
        return _ => (clock ??= Stopwatch.StartNew()).Elapsed >= delay;
    }

    public static IEnumerable<TestCaseData> KillPoints()
    {
        // Each but the last kills after round 0 is recorded, so the second run must resume.
        yield return new TestCaseData("mid-training of round 1", (Func<string, bool>)(root => Has(root, "rounds", "part-*-r000.parquet")), true);
        yield return new TestCaseData("between a round's ledger files", (Func<string, bool>)(root => Has(root, "labels", "part-*-r002.parquet")), true);
        // A temp file lives for milliseconds; if polling misses every one, round 1's labels are the fallback kill point.
        yield return new TestCaseData("mid-ledger-write", (Func<string, bool>)(root =>
            Has(root, "", ".*.tmp") || Has(root, "labels", "part-*-r001.parquet")), false);
        yield return new TestCaseData("at start-up", After(TimeSpan.FromMilliseconds(300)), false);
    }

    [TestCaseSource(nameof(KillPoints))]
    public async Task KilledRunResumesToTheSameResults(string point, Func<string, bool> killWhen, bool resumes)
    {
        Assert.That(Run("reference").ExitCode, Is.EqualTo(0));

        RunAndKill("resumed", killWhen);
        var second = Run("resumed");

        Assert.That(second.ExitCode, Is.EqualTo(0), second.Stderr);
        if (resumes) Assert.That(second.Stdout, Does.Match(@"main seed 5: done \(resumed after round \d\)"), $"killed {point}");
        var root = Path.Combine(dir, "resumed");
        Assert.That(Directory.GetFiles(root, "*.tmp", SearchOption.AllDirectories), Is.Empty, "no partial file");
        var rounds = await new LedgerReader(root).ReadAsync<RoundRow>();
        Assert.That(rounds.Select(r => r.Round).Order(), Is.EqualTo(new[] { 0, 1, 2, 3 }), "every round once");
        var run = (await new LedgerReader(root).ReadAsync<RunRow>()).Single();
        Assert.That(run.Status, Is.EqualTo("completed"));
        Assert.That(RunIdentity.TryParseStarted(run.RunId, out var idStarted), Is.True);
        if (second.Stdout.Contains("resumed after round"))
            Assert.That(run.StartedUtc, Is.EqualTo(idStarted), "a resumed run keeps its first attempt's start");
        else
            Assert.That(run.StartedUtc - idStarted, Is.InRange(TimeSpan.Zero, TimeSpan.FromSeconds(1)), "killed before any round: a fresh start");
        Assert.That(rounds.Select(r => r.GitSha).Distinct().Single(), Is.EqualTo(run.GitSha), "one run, one commit");

        var reference = new LedgerReader(Path.Combine(dir, "reference"));
        var resumed = new LedgerReader(root);
        Assert.That(await LedgerContent.Of(resumed), Is.EqualTo(await LedgerContent.Of(reference)), $"killed {point}");
    }

    [Test]
    public async Task CtrlCStopsAfterTheCurrentStepWithExitCode130()
    {
        // Rounds of 400 steps (a few seconds): the signal must land before the run ends on its own,
        // which rounds of 40 steps did on a quiet machine.
        File.WriteAllText(Path.Combine(dir, "cancel.yaml"), Spec.Replace("stable: 10, decay: 30", "stable: 370, decay: 30"));
        string[] run = ["run", "cancel.yaml", "--ledger", "ledger", "--runs", "ledger-runs", "--threads", "1"];
        using var process = RunnerProcess.Start(dir, run);
        var stderr = process.StandardError.ReadToEndAsync();
        var root = Path.Combine(dir, "ledger");
        var clock = Stopwatch.StartNew();
        while (!process.HasExited && !Has(root, "rounds", "part-*-r000.parquet") && clock.Elapsed < TimeSpan.FromMinutes(2)) Thread.Sleep(2);
        Assert.That(process.HasExited, Is.False, "the run ended before Ctrl+C");

        using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString()])) interrupt.WaitForExit();

        Assert.That(process.WaitForExit(TimeSpan.FromSeconds(30)), Is.True, "stops soon after Ctrl+C");
        Assert.That(process.ExitCode, Is.EqualTo(130));
        Assert.That(await stderr, Does.Contain("runner: cancelled; completed rounds are in the ledger"));
        Assert.That(RunnerProcess.Run(dir, "ledger", "verify", "--ledger", "ledger").ExitCode, Is.EqualTo(0), "the ledger is consistent");
        Assert.That(await new LedgerReader(root).ReadAsync<RunRow>(), Is.Empty, "no run row: the run is not complete");

        var resumed = RunnerProcess.Run(dir, run);
        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.Stderr);
        Assert.That(resumed.Stdout, Does.Match(@"main seed 5: done \(resumed after round \d\)"));
    }

    [Test]
    public void CompletedRunIsSkipped()
    {
        Assert.That(Run("ledger").ExitCode, Is.EqualTo(0));
        var files = Directory.GetFiles(Path.Combine(dir, "ledger"), "*", SearchOption.AllDirectories).Order().ToList();

        var again = Run("ledger");

        Assert.That(again.ExitCode, Is.EqualTo(0));
        Assert.That(again.Stdout, Does.Match(@"main seed 5: already complete in the ledger \(\d{8}-\d{6}-main-s5-[0-9a-f]{7}\)"));
        Assert.That(again.Stdout, Does.Contain("resume / main / seed 5: exact match (%) per difficulty"), "the table comes from the ledger");
        Assert.That(Directory.GetFiles(Path.Combine(dir, "ledger"), "*", SearchOption.AllDirectories).Order(), Is.EqualTo(files));
    }

    [Test]
    public void CompactedLedgerStillSkipsCompletedRuns()
    {
        Assert.That(Run("ledger").ExitCode, Is.EqualTo(0));
        var compact = RunnerProcess.Run(dir, "ledger", "compact", "--ledger", "ledger");
        Assert.That(compact.ExitCode, Is.EqualTo(0), compact.Stderr);
        Assert.That(compact.Stdout, Does.Contain("rounds/spec=resume: 4 files -> 1 (4 rows)"));

        var again = Run("ledger");

        Assert.That(again.ExitCode, Is.EqualTo(0), again.Stderr);
        Assert.That(again.Stdout, Does.Contain("main seed 5: already complete in the ledger"));
        Assert.That(RunnerProcess.Run(dir, "ledger", "verify", "--ledger", "ledger").ExitCode, Is.EqualTo(0));
    }
}
