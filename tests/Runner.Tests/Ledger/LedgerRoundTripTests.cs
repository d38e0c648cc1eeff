using NUnit.Framework;
using Runner.Core.Ledger;

namespace Runner.Tests.Ledger;

public class LedgerRoundTripTests
{
    string _dir = "";
    string Root => Path.Combine(_dir, "ledger");

    [SetUp] public void SetUp() => _dir = Directory.CreateTempSubdirectory("runner-ledger-").FullName;
    [TearDown] public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task EveryTableReadsBackEqual()
    {
        var writer = new LedgerWriter(Root);
        var runs = new[] { LedgerSamples.Run("add", "run1") };
        var rounds = Enumerable.Range(0, 3).Select(r => LedgerSamples.Round("add", "run1", r)).ToArray();
        var evaluations = Enumerable.Range(1, 5).Select(d => LedgerSamples.Evaluation("add", "run1", 2, d)).ToArray();
        var labels = Enumerable.Range(0, 50).Select(i => LedgerSamples.Label("add", "run1", 1, i)).ToArray();
        labels[0].Prompt = "größer→ 😀"; // non-ASCII survives the UTF-8 round trip

        await writer.WriteAsync(runs, "run");
        await writer.WriteAsync(rounds, "r002");
        await writer.WriteAsync(evaluations, "r002");
        await writer.WriteAsync(labels, "r001");

        var reader = new LedgerReader(Root);
        Assert.That(await reader.ReadAsync<RunRow>(), Is.EqualTo(runs));
        Assert.That(await reader.ReadAsync<RoundRow>(), Is.EqualTo(rounds));
        Assert.That(await reader.ReadAsync<EvaluationRow>(), Is.EqualTo(evaluations));
        Assert.That(await reader.ReadAsync<LabelRow>(), Is.EqualTo(labels));

        var run = (await reader.ReadAsync<RunRow>()).Single();
        Assert.That(run.StartedUtc.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(run.StartedUtc.Ticks, Is.EqualTo(LedgerSamples.Started.Ticks));
        Assert.That(run.SchemaVersion, Is.EqualTo(2));
    }

    [Test]
    public async Task FilesLandInHivePartitionsAndReadsCanFilterBySpec()
    {
        var writer = new LedgerWriter(Root);
        string path = await writer.WriteAsync([LedgerSamples.Round("add", "run1", 3)], "r003");
        await writer.WriteAsync([LedgerSamples.Round("copy", "run2", 0)], "r000");

        Assert.That(path, Is.EqualTo(Path.Combine(Root, "rounds", "spec=add", "part-run1-r003.parquet")));
        var reader = new LedgerReader(Root);
        Assert.That((await reader.ReadAsync<RoundRow>()).Count, Is.EqualTo(2));
        Assert.That((await reader.ReadAsync<RoundRow>("copy")).Single().RunId, Is.EqualTo("run2"));
        Assert.That(await reader.ReadAsync<RoundRow>("absent"), Is.Empty);
        Assert.That(await reader.ReadAsync<LabelRow>(), Is.Empty, "a table never written is empty, not an error");
    }

    [Test]
    public void BatchesMustBeOneRunAndNonEmpty()
    {
        var writer = new LedgerWriter(Root);
        Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync(Array.Empty<RoundRow>(), "r000"));
        Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync(
            [LedgerSamples.Round("add", "run1", 0), LedgerSamples.Round("add", "run2", 0)], "r000"));
        Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync([LedgerSamples.Round("a/b", "run1", 0)], "r000"));
    }
}
