using NUnit.Framework;
using Runner.Core.Ledger;

namespace Runner.Tests.Ledger;

public class LedgerCompactorTests
{
    string root = "";

    [SetUp] public void SetUp() => root = Path.Combine(Directory.CreateTempSubdirectory("runner-compact-").FullName, "ledger");
    [TearDown] public void TearDown() => Directory.Delete(Path.GetDirectoryName(root)!, recursive: true);

    async Task WriteTwoRuns()
    {
        var writer = new LedgerWriter(root);
        foreach (var run in new[] { "run1", "run2" })
        {
            for (int r = 0; r < 3; r++)
            {
                await writer.WriteAsync([LedgerSamples.Round("add", run, r)], $"r{r:D3}");
                await writer.WriteAsync([LedgerSamples.Evaluation("add", run, r, 11), LedgerSamples.Evaluation("add", run, r, 12)], $"r{r:D3}");
            }
            await writer.WriteAsync([LedgerSamples.Run("add", run)], "run");
        }
        await writer.WriteAsync([LedgerSamples.Round("copy", "run3", 0)], "r000");
    }

    static List<string> Snapshot<T>(List<T> rows) where T : notnull => rows.Select(r => r.ToString()!).Order(StringComparer.Ordinal).ToList();

    [Test]
    public async Task MergesEachSpecsFilesKeepingEveryRow()
    {
        await WriteTwoRuns();
        var reader = new LedgerReader(root);
        var rounds = Snapshot(await reader.ReadAsync<RoundRow>());
        var evaluations = Snapshot(await reader.ReadAsync<EvaluationRow>());

        var compacted = await new LedgerCompactor(root).CompactAsync();

        Assert.That(compacted.Select(c => $"{Path.GetRelativePath(root, c.Folder)} {c.FilesBefore} {c.Rows} {c.LeftoversRemoved}"), Is.EqualTo(new[]
        {
            "runs/spec=add 2 2 0", "rounds/spec=add 6 6 0", "evaluations/spec=add 6 12 0",
        }), "copy's single rounds file is left as it is");
        Assert.That(Snapshot(await reader.ReadAsync<RoundRow>()), Is.EqualTo(rounds));
        Assert.That(Snapshot(await reader.ReadAsync<EvaluationRow>()), Is.EqualTo(evaluations));
        Assert.That(reader.Files<RoundRow>("add").Select(Path.GetFileName), Has.One.Match("^part-compacted-\\d{8}-\\d{6}-[0-9a-f]{8}-all\\.parquet$"));
        Assert.That((await LedgerVerifier.VerifyAsync(root)).IsClean, Is.True);
        Assert.That(await new LedgerCompactor(root).CompactAsync(), Is.Empty, "nothing left to merge");
    }

    [Test]
    public async Task CompactionCutShortIsFinishedByTheNextOne()
    {
        await WriteTwoRuns();
        var reader = new LedgerReader(root);
        var rounds = Snapshot(await reader.ReadAsync<RoundRow>());
        var originals = reader.Files<RoundRow>("add").ToDictionary(f => f, File.ReadAllBytes);
        await new LedgerCompactor(root).CompactAsync("add");
        // As if the process died after writing the merged file, before deleting the originals and the journal.
        var merged = reader.Files<RoundRow>("add").Single();
        foreach (var (path, bytes) in originals) File.WriteAllBytes(path, bytes);
        var folder = Path.GetDirectoryName(merged)!;
        File.WriteAllLines(Path.Combine(folder, CompactionJournal.Name), [Path.GetFileName(merged), .. originals.Keys.Select(Path.GetFileName)!]);
        Assert.That(Directory.GetFiles(folder, "*.parquet"), Has.Length.EqualTo(7), "the merged file and the six it holds");
        Assert.That(Snapshot(await reader.ReadAsync<RoundRow>()), Is.EqualTo(rounds), "readers take each row once meanwhile");
        Assert.That((await LedgerVerifier.VerifyAsync(root)).Problems.Select(p => p.Message), Has.Some.StartWith("journal of an interrupted compaction"));

        var finished = await new LedgerCompactor(root).CompactAsync("add");

        Assert.That(finished.Single(c => c.Folder.Contains("rounds")), Is.EqualTo(new CompactedFolder(folder, 0, 0, 6)));
        Assert.That(Snapshot(await reader.ReadAsync<RoundRow>()), Is.EqualTo(rounds));
        Assert.That((await LedgerVerifier.VerifyAsync(root)).IsClean, Is.True);
    }

    [Test]
    public async Task CompactionCutShortBeforeItsMergedFileKeepsTheOriginals()
    {
        await WriteTwoRuns();
        var reader = new LedgerReader(root);
        var rounds = Snapshot(await reader.ReadAsync<RoundRow>());
        var folder = Path.GetDirectoryName(reader.Files<RoundRow>("add")[0])!;
        File.WriteAllLines(Path.Combine(folder, CompactionJournal.Name), ["part-compacted-never-written-all.parquet", .. reader.Files<RoundRow>("add").Select(Path.GetFileName)!]);

        await new LedgerCompactor(root).CompactAsync("add");

        Assert.That(Snapshot(await reader.ReadAsync<RoundRow>()), Is.EqualTo(rounds));
        Assert.That(reader.Files<RoundRow>("add"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task IdenticalLabelRowsAreAllKept()
    {
        // A round may label the same prompt twice: two rows equal in every column, both real.
        var writer = new LedgerWriter(root);
        var label = new LabelRow { RunId = "run1", SpecName = "add", Round = 1, Prompt = "1=", ModelLabel = "1", TrueLabel = "1" };
        await writer.WriteAsync([LedgerSamples.Round("add", "run1", 1)], "r001");
        await writer.WriteAsync([label, label with { }], "r001");
        await writer.WriteAsync([label with { Round = 1 }], "r001b");

        await new LedgerCompactor(root).CompactAsync("add");

        Assert.That(await new LedgerReader(root).ReadAsync<LabelRow>("add"), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task FilesOfARoundCutShortAreNotMerged()
    {
        // Round 2 of run1 has evaluations but no rounds row: the run died between the two; its resume deletes that file.
        var writer = new LedgerWriter(root);
        for (int r = 0; r < 2; r++)
        {
            await writer.WriteAsync([LedgerSamples.Round("add", "run1", r)], $"r{r:D3}");
            await writer.WriteAsync([LedgerSamples.Evaluation("add", "run1", r, 11)], $"r{r:D3}");
        }
        var unrecorded = await writer.WriteAsync([LedgerSamples.Evaluation("add", "run1", 2, 11)], "r002");

        await new LedgerCompactor(root).CompactAsync("add");

        var files = new LedgerReader(root).Files<EvaluationRow>("add");
        Assert.That(files, Has.Count.EqualTo(2));
        Assert.That(files, Does.Contain(unrecorded));
    }
}
