using System.Globalization;
using NUnit.Framework;
using Runner.Core.Ledger;
using Runner.Tests.Ledger;

namespace Runner.Tests.EndToEnd;

/// <summary>`runner ls`, `runner show` and `runner ledger verify` on a ledger written row by row, and on one `runner run` wrote.</summary>
public class LedgerCommandsTests
{
    const string Done = "20250304-050607-main-s41-0123456", Died = "20250304-060000-main-s42-0123456", Copy = "20250305-101500-main-s41-0123456";

    string dir = "";

    [SetUp]
    public async Task SetUp()
    {
        dir = Directory.CreateTempSubdirectory("runner-ledgercmd-").FullName;
        var writer = new LedgerWriter(Path.Combine(dir, "ledger"));
        await writer.WriteAsync([LedgerSamples.Run("add", Done)], "run");
        for (int round = 0; round < 3; round++)
        {
            await writer.WriteAsync([LedgerSamples.Round("add", Done, round)], $"r{round:D3}");
            await writer.WriteAsync(Enumerable.Range(1, 3 + round).Select(d => LedgerSamples.Evaluation("add", Done, round, d) with { Accuracy = 1.0 - 0.1 * d }).ToArray(), $"r{round:D3}");
        }
        // This run's process died after round 1: rounds, but no runs row.
        await writer.WriteAsync([LedgerSamples.Round("add", Died, 0) with { Seed = 42 }], "r000");
        await writer.WriteAsync([LedgerSamples.Round("add", Died, 1) with { Seed = 42 }], "r001");
        await writer.WriteAsync([LedgerSamples.Run("copy", Copy) with { Status = "failed", GitDirty = false, GitSha = "abc", RoundsCompleted = 0, FinalFrontier = 0,
            StartedUtc = new DateTime(2025, 3, 5, 10, 15, 0, DateTimeKind.Utc) }], "run");
    }

    [TearDown] public void TearDown() => Directory.Delete(dir, recursive: true);

    string LedgerFile(string table, string spec, string name) => Path.Combine("ledger", table, "spec=" + spec, name);

    static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

    [Test]
    public void LsListsEveryRunIncludingOnesWhoseProcessDied()
    {
        var result = RunnerProcess.Run(dir, "ls");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(Lines(result.Stdout), Is.EqualTo(new[]
        {
            "spec  arm   seed  sha            status      started (UTC)     rounds  frontier  reach  D0 low  run id",
            "add   main    41  0123456+dirty  completed   2025-03-04 05:06       3        13                 20250304-050607-main-s41-0123456",
            "add   main    42  0123456        incomplete  2025-03-04 06:00       2        11                 20250304-060000-main-s42-0123456",
            "copy  main    41  abc            failed      2025-03-05 10:15       0         0                 20250305-101500-main-s41-0123456",
        }), "these hand-written runs record no spec a headline could be read from");
    }

    [Test]
    public async Task LsAndShowSayWhenAForgottenD0LengthHoldsTheFrontierDown()
    {
        // The quickstart a new user saw: length 1 fell to 75 % in the last round while 11-13 were solved.
        const string forgot = "20250306-080000-self-improve-s41-0123456";
        double[] accuracy = [0.75, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.5];
        var writer = new LedgerWriter(Path.Combine(dir, "ledger"));
        await writer.WriteAsync([LedgerSamples.Run("quick", forgot) with
        {
            Arm = "self-improve", FinalFrontier = 0, FinalRound = 2, GitDirty = false,
            StartedUtc = new DateTime(2025, 3, 6, 8, 0, 0, DateTimeKind.Utc),
            SpecYaml = "name: quick\ntask: {kind: copy, d0: {min: 1, max: 10}}\n",
        }], "run");
        await writer.WriteAsync(accuracy.Select((a, i) => LedgerSamples.Evaluation("quick", forgot, 2, i + 1) with
            { Arm = "self-improve", Examples = 256, Correct = (int)(a * 256), Accuracy = a }).ToArray(), "r002");

        var result = RunnerProcess.Run(dir, "ls", "--spec", "quick");

        Assert.That(Lines(result.Stdout), Is.EqualTo(new[]
        {
            "spec   arm           seed  sha      status     started (UTC)     rounds  frontier  reach  D0 low  run id",
            "quick  self-improve    41  0123456  completed  2025-03-06 08:00       3        0*     13    75 %  20250306-080000-self-improve-s41-0123456",
            "* quick / self-improve / seed 41: frontier 0 (length 1 at 75 %: forgot part of D0); solved past D0 up to 13",
        }));
        Assert.That(Lines(RunnerProcess.Run(dir, "show", forgot).Stdout), Does.Contain(
            "result:   frontier 0 (length 1 at 75 %: forgot part of D0); solved past D0 up to 13"), "show says it under why the run stopped");
    }

    [Test]
    public void LsFiltersBySpecAndSaysWhenThereIsNothing()
    {
        var copy = RunnerProcess.Run(dir, "ls", "--spec", "copy");
        var none = RunnerProcess.Run(dir, "ls", "--ledger", "empty");

        Assert.That(Lines(copy.Stdout).Skip(1).Select(l => l.Split("  ")[0]), Is.EqualTo(new[] { "copy" }));
        Assert.That((none.ExitCode, none.Stdout), Is.EqualTo((0, "no runs in empty\n")));
    }

    [Test]
    public void LsOfAnUnreadableFileFailsWithOneLineNamingIt()
    {
        string truncated = LedgerFile("rounds", "add", $"part-{Died}-r001.parquet");
        using (var stream = new FileStream(Path.Combine(dir, truncated), FileMode.Open))
            stream.SetLength(stream.Length / 2);

        var result = RunnerProcess.Run(dir, "ls");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StderrLines.Single(), Does.StartWith($"runner: error: Cannot read ledger file {truncated}: ")
            .And.EndWith("(`runner ledger verify` checks every file)"));
    }

    [Test]
    public void LsOfAFileOfAnotherTableFailsWithOneLineNamingIt()
    {
        // A rounds file copied into the runs table would otherwise read as runs of defaults.
        string misplaced = LedgerFile("runs", "add", "part-misplaced-run.parquet");
        File.Copy(Path.Combine(dir, LedgerFile("rounds", "add", $"part-{Died}-r001.parquet")), Path.Combine(dir, misplaced));

        var result = RunnerProcess.Run(dir, "ls");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StderrLines.Single(), Does.StartWith($"runner: error: Cannot read ledger file {misplaced}: columns do not match the runs table: missing "));
    }

    [Test]
    public void ShowFindsARunByPrefix()
    {
        var result = RunnerProcess.Run(dir, "show", "20250304-05", "--ledger", "ledger");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(Lines(result.Stdout), Is.EqualTo(new[]
        {
            "run:      20250304-050607-main-s41-0123456",
            "spec:     add",
            "arm:      main",
            "seed:     41",
            "sha:      0123456789abcdef0123456789abcdef01234567",
            "branch:   main",
            "dirty:    yes",
            "packages: TorchSharp=0.107.0; libtorch=2.10.0; .NET=10.0.1",
            "device:   cpu",
            "host:     box (Linux, 2 threads)",
            "started:  2025-03-04 05:06:07 UTC",
            "ended:    2025-03-04 06:36:07 UTC",
            "status:   completed",
            "filters:  length(expected)",
            "schedule: uniform",
            "stopped:  max_round (result: round 2, frontier 13)",
            "",
            "rounds",
            "round  labelled  generated  kept  label accuracy  steps    loss  frontier  wall s",
            "    0  D0                0     0                   1000  0.0100        10    12.5",
            "    1  11,12          1000   900  95.0% -> 99.0%   2000  0.0050        11    12.5",
            "    2  12,13          1000   900  95.0% -> 99.0%   3000  0.0033        12    12.5",
            "",
            "exact match (%) per difficulty",
            "round  labelled      kept   1   2   3   4   5  frontier",
            "    0  D0                  90  80  70                10",
            "    1  11,12     900/1000  90  80  70  60            11",
            "    2  12,13     900/1000  90  80  70  60  50        12",
        }));
    }

    [Test]
    public void ShowOfARunWithoutARunsRowSaysItIsIncomplete()
    {
        var result = RunnerProcess.Run(dir, "show", Died);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(Lines(result.Stdout), Is.EqualTo(new[]
        {
            "run:      20250304-060000-main-s42-0123456",
            "spec:     add",
            "arm:      main",
            "seed:     42",
            "sha:      0123456789abcdef0123456789abcdef01234567",
            "started:  2025-03-04 06:00:00 UTC",
            "status:   incomplete (no runs row: the process stopped before the run ended)",
            "",
            "rounds",
            "round  labelled  generated  kept  label accuracy  steps    loss  frontier  wall s",
            "    0  D0                0     0                   1000  0.0100        10    12.5",
            "    1  11,12          1000   900  95.0% -> 99.0%   2000  0.0050        11    12.5",
            "",
            "exact match (%) per difficulty",
            "round  labelled      kept  frontier",
            "    0  D0                        10",
            "    1  11,12     900/1000        11",
        }));
    }

    [Test]
    public async Task ShowOfAMajorityVoteRunAddsEachModelsAccuracyAndFrontier()
    {
        const string vote = "20250306-090000-vote-s41-0123456";
        var writer = new LedgerWriter(Path.Combine(dir, "ledger"));
        await writer.WriteAsync([LedgerSamples.Run("vote", vote) with { Models = 2, SpecYaml = "name: vote\ntask: {kind: copy}\neval: {solved: 0.8}\n" }], "run");
        double[][][] accuracy = [[[1.0, 0.9, 0.5], [1.0, 0.9, 0.85]], [[0.9, 0.7, 0.3], [0.9, 0.75, 0.4]]]; // [member][round][difficulty - 1]
        int[][] frontiers = [[2, 1], [3, 1]]; // [round][member], as the run recorded them at its 80%
        for (int round = 0; round < 2; round++)
        {
            await writer.WriteAsync([LedgerSamples.Round("vote", vote, round) with { Frontier = 1 }], $"r{round:D3}");
            await WriteVoteRoundAsync(writer, vote, round, accuracy.Select(member => member[round]).ToArray(), frontiers[round]);
        }

        Assert.That(ShowFrom(vote, "exact match (%) per difficulty"), Is.EqualTo(new[]
        {
            "exact match (%) per difficulty",
            "round  labelled      kept   1   2   3  frontier",
            "    0  D0                  95  80  40         1",
            "    1  11,12     900/1000  95  82  62         1",
            "",
            "model 0: exact match (%) per difficulty",
            "round  labelled      kept    1   2   3  frontier",
            "    0  D0                  100  90  50         2",
            "    1  11,12     900/1000  100  90  85         3",
            "",
            "model 1: exact match (%) per difficulty",
            "round  labelled      kept   1   2   3  frontier",
            "    0  D0                  90  70  30         1",
            "    1  11,12     900/1000  90  75  40         1",
        }), "the arm's mean accuracy and recorded frontier, then each model's own accuracy and recorded frontier");
    }

    [Test]
    public async Task ShowOfAVoteRunThatStoppedEarlyPrintsEachModelsRecordedFrontier()
    {
        // No runs row, so no spec to read "solved" from: the models' frontiers are the ones the run recorded (at its 80%).
        const string vote = "20250307-090000-vote-s41-0123456";
        var writer = new LedgerWriter(Path.Combine(dir, "ledger"));
        await writer.WriteAsync([LedgerSamples.Round("vote", vote, 0) with { Frontier = 1 }], "r000");
        double[][] accuracy = [[1.0, 0.9, 0.5], [0.9, 0.7, 0.3]]; // [member][difficulty - 1]
        await WriteVoteRoundAsync(writer, vote, 0, accuracy, frontiers: [2, 1]);

        Assert.That(ShowFrom(vote, "model 0: exact match (%) per difficulty"), Is.EqualTo(new[]
        {
            "model 0: exact match (%) per difficulty",
            "round  labelled  kept    1   2   3  frontier",
            "    0  D0              100  90  50         2",
            "",
            "model 1: exact match (%) per difficulty",
            "round  labelled  kept   1   2   3  frontier",
            "    0  D0              90  70  30         1",
        }), "the recorded frontiers, not ones recomputed at the default 99%, which would read 1 and 0");
    }

    /// <summary>`runner show` of the run, which must succeed, from the line <paramref name="heading"/> on.</summary>
    string[] ShowFrom(string runId, string heading)
    {
        var result = RunnerProcess.Run(dir, "show", runId);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        var lines = Lines(result.Stdout);
        return lines[Array.IndexOf(lines, heading)..];
    }

    /// <summary>
    /// What a vote run records of each model in a round: its evaluations, <paramref name="accuracy"/>[member][difficulty - 1]
    /// with 200 examples each, and its frontier metric, <paramref name="frontiers"/>[member].
    /// </summary>
    static async Task WriteVoteRoundAsync(LedgerWriter writer, string runId, int round, double[][] accuracy, int[] frontiers)
    {
        await writer.WriteAsync(accuracy.SelectMany((own, member) => own.Select((a, i) => LedgerSamples.Evaluation("vote", runId, round, i + 1) with
        {
            Member = member, Correct = (int)(200 * a), Accuracy = a,
        })).ToArray(), $"r{round:D3}");
        await writer.WriteAsync(frontiers.Select((frontier, member) => new MetricRow
        {
            RunId = runId, SpecName = "vote", Arm = "main", Seed = 41, GitSha = LedgerSamples.Sha,
            Round = round, Member = member, Metric = "frontier", Value = frontier,
        }).ToArray(), $"r{round:D3}");
    }

    [Test]
    public void ShowRefusesAnAmbiguousOrUnknownRun()
    {
        var ambiguous = RunnerProcess.Run(dir, "show", "20250304");
        var unknown = RunnerProcess.Run(dir, "show", "2026");

        Assert.That((ambiguous.ExitCode, ambiguous.Stdout), Is.EqualTo((2, "")));
        Assert.That(ambiguous.StderrLines, Is.EqualTo(new[] { $"runner: error: run '20250304' is ambiguous in ledger; it matches: {Done}, {Died}" }));
        Assert.That((unknown.ExitCode, unknown.Stdout), Is.EqualTo((2, "")));
        Assert.That(unknown.StderrLines, Is.EqualTo(new[] { "runner: error: no run '2026' in ledger (`runner ls` lists them)" }));
    }

    [Test]
    public void VerifyOfACleanLedgerExitsZero()
    {
        var result = RunnerProcess.Run(dir, "ledger", "verify");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stdout + result.Stderr);
        Assert.That(result.Stdout, Is.EqualTo("10 files, 19 rows, 0 problems\n"));
    }

    [Test]
    public void VerifyNamesATruncatedFileAStrayTempFileAndADuplicateRound()
    {
        string truncated = LedgerFile("evaluations", "add", $"part-{Done}-r001.parquet");
        using (var stream = new FileStream(Path.Combine(dir, truncated), FileMode.Open))
            stream.SetLength(stream.Length / 2);
        string temp = LedgerFile("rounds", "add", $".part-{Died}-r002.0badc0de.tmp");
        File.WriteAllBytes(Path.Combine(dir, temp), [0x50, 0x41, 0x52]);
        string duplicate = LedgerFile("rounds", "add", $"part-{Died}-r001b.parquet");
        File.Copy(Path.Combine(dir, LedgerFile("rounds", "add", $"part-{Died}-r001.parquet")), Path.Combine(dir, duplicate));

        var result = RunnerProcess.Run(dir, "ledger", "verify", "--ledger", "ledger");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(Lines(result.Stdout), Is.EqualTo(new[]
        {
            $"{truncated}: cannot read as Parquet: not a parquet file, head: 50415231, tail: 25001805",
            $"{temp}: temporary file left by an interrupted write",
            $"{duplicate}: duplicate rounds key run_id={Died}, round=1 (first in {LedgerFile("rounds", "add", $"part-{Died}-r001.parquet")})",
            "12 files, 16 rows, 3 problems",
        }));
        Assert.That(result.Stderr, Is.Empty, "problems are the report, not errors; no stack trace");
    }

    [Test]
    public void CommandsReadTheLedgerARunWrote()
    {
        var tiny = Directory.CreateTempSubdirectory("runner-ledgercmd-run-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(tiny, "tiny.yaml"), TinySpec.Yaml);
            Assert.That(RunnerProcess.Run(tiny, "run", "tiny.yaml", "--threads", "1").ExitCode, Is.EqualTo(0));

            var ls = RunnerProcess.Run(tiny, "ls");
            // spec, arm, seed, sha, status, rounds, frontier (the date and time are two words).
            var rows = Lines(ls.Stdout).Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
            Assert.That(rows.Select(r => string.Join(' ', r[..5].Append(r[7]))), Is.EqualTo(new[] { "tiny si 7 unknown completed 3", "tiny zero 7 unknown completed 1" }));
            string si = rows[0][^1];

            Assert.That(RunnerProcess.Run(tiny, "show", "20").ExitCode, Is.EqualTo(2), "both run ids start with the year");
            var show = RunnerProcess.Run(tiny, "show", si[..^3]);
            Assert.That(show.ExitCode, Is.EqualTo(0), show.Stderr);
            var lines = Lines(show.Stdout);
            Assert.That(lines[..7], Is.EqualTo(new[] { $"run:      {si}", "spec:     tiny", "arm:      si", "seed:     7", "sha:      unknown", "branch:   unknown", "dirty:    no" }));
            Assert.That(lines, Does.Contain("status:   completed"));
            var rounds = lines.SkipWhile(l => l != "rounds").Skip(2).TakeWhile(l => l != "")
                .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..3]));
            Assert.That(rounds, Is.EqualTo(new[] { "0 D0 0", "1 5 48", "2 6 48" }), "round, labelled, generated");
            Assert.That(lines.SkipWhile(l => l != "exact match (%) per difficulty").Count(), Is.EqualTo(5), "title, header, a line per round");

            // Where the time went: a line per round, their sums and each phase's share; tokens as the ledger has them.
            var time = lines.SkipWhile(l => l != "time (s)").Skip(1).TakeWhile(l => l != "")
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
            Assert.That(time[0], Is.EqualTo(new[] { "round", "train", "label", "filter", "eval", "checkpoint", "ledger", "total", "tokens", "trained", "tokens/s" }));
            Assert.That(time.Skip(1).Select(r => r[0]), Is.EqualTo(new[] { "0", "1", "2", "all", "share" }));
            string ledger = Path.Combine(tiny, "ledger").Replace("'", "''");
            var tokens = DuckDb.Query($"SELECT value FROM read_parquet('{ledger}/metrics/**/*.parquet') WHERE run_id = '{si}' AND metric = 'train_tokens' ORDER BY round")
                .Select(r => (long)(double)r[0]).ToList();
            Assert.That(time.Skip(1).Take(4).Select(r => r[8]), Is.EqualTo(tokens.Append(tokens.Sum()).Select(t => t.ToString("N0", CultureInfo.InvariantCulture))));
            Assert.That(time[^1][1..7].Sum(p => double.Parse(p.TrimEnd('%'), CultureInfo.InvariantCulture)), Is.EqualTo(100).Within(0.5), "shares of the total");

            var verify = RunnerProcess.Run(tiny, "ledger", "verify");
            // The steps table adds a file per trained round (4) and a row per 10 steps (si: 3 + 1 + 1, zero: 3); labels_ended a metric row per round (4).
            Assert.That((verify.ExitCode, verify.Stdout), Is.EqualTo((0, "20 files, 334 rows, 0 problems\n")));
        }
        finally
        {
            Directory.Delete(tiny, recursive: true);
        }
    }
}
