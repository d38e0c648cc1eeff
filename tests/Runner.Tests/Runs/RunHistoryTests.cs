using System.Diagnostics;
using NUnit.Framework;
using Runner.Core.Ledger;
using Runner.Core.Plans;
using Runner.Engine.Runs;

namespace Runner.Tests.Runs;

/// <summary>What a killed attempt leaves in the ledger, and what a new attempt cleans up.</summary>
public class RunHistoryTests
{
    string root = "";

    [SetUp] public void SetUp() => root = Path.Combine(Directory.CreateTempSubdirectory("runner-history-").FullName, "ledger");
    [TearDown] public void TearDown() => Directory.Delete(Path.GetDirectoryName(root)!, recursive: true);

    static T Row<T>(string runId, string key) where T : class, ILedgerRow, new() =>
        new() { RunId = runId, RunKey = key, SpecName = "s", Arm = "main", Seed = 1, GitSha = "unknown" };

    async Task WriteRound(string runId, string key, int round, bool recorded)
    {
        var writer = new LedgerWriter(root);
        var evaluation = Row<EvaluationRow>(runId, key) with { Round = round, Difficulty = 3, Examples = 4, Correct = 2, Accuracy = 0.5 };
        await writer.WriteAsync([evaluation], $"r{round:D3}");
        if (recorded) await writer.WriteAsync([Row<RoundRow>(runId, key) with { Round = round }], $"r{round:D3}");
    }

    static string Names(string folder) => string.Join(" ", Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));

    [Test]
    public async Task InterruptedAttemptIsTheFurthestThatCanBeContinued()
    {
        await WriteRound("a", "key", 0, recorded: true);
        await WriteRound("b", "key", 0, recorded: true);
        await WriteRound("b", "key", 1, recorded: true);
        await WriteRound("b", "key", 2, recorded: false);
        await WriteRound("c", "other", 5, recorded: true);

        var history = new RunHistory(root, "s");

        Assert.That(history.Interrupted("key", _ => true), Is.EqualTo(new InterruptedRun("b", 1, "unknown")));
        Assert.That(history.Interrupted("missing", _ => true), Is.Null);
        // Without b's checkpoint, a's round 0 is the furthest that can be continued.
        Assert.That(history.Interrupted("key", attempt => attempt.RunId != "b"), Is.EqualTo(new InterruptedRun("a", 0, "unknown")));
        Assert.That(history.Completed("key"), Is.Null);
    }

    [Test]
    public async Task RemovesUnrecordedRoundsAndDeadWritersTempFilesOnly()
    {
        await WriteRound("b", "key", 1, recorded: true);
        await WriteRound("b", "key", 2, recorded: false);
        await WriteRound("c", "other", 2, recorded: false);
        var folder = Path.Combine(root, "evaluations", "spec=s");
        using var finished = Process.Start(new ProcessStartInfo("true"))!;
        finished.WaitForExit();
        File.WriteAllText(Path.Combine(folder, $".part-b-r003.{finished.Id}-dead.tmp"), "half a file");
        File.WriteAllText(Path.Combine(folder, $".part-z-r000.{Environment.ProcessId}-live.tmp"), "being written");

        new RunHistory(root, "s").RemoveUnrecorded("key");

        Assert.That(Names(folder), Is.EqualTo($".part-z-r000.{Environment.ProcessId}-live.tmp part-b-r001.parquet part-c-r002.parquet"),
            "b's round 2 had no rounds row; c belongs to another key; a live writer's temp file stays");
        Assert.That(Names(Path.Combine(root, "rounds", "spec=s")), Is.EqualTo("part-b-r001.parquet"));
    }
}
