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

        Assert.That(compacted.Select(c => $"{Path.GetRelativePath(root, c.Folder)} {c.FilesBefore} {c.Rows} {c.DuplicatesDropped}"), Is.EqualTo(new[]
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
    public async Task CompactionCutShortIsHealedByTheNextOne()
    {
        await WriteTwoRuns();
        var reader = new LedgerReader(root);
        var rounds = Snapshot(await reader.ReadAsync<RoundRow>());
        var originals = reader.Files<RoundRow>("add").ToDictionary(f => f, File.ReadAllBytes);
        await new LedgerCompactor(root).CompactAsync("add");
        // As if the process died after writing the merged file, before deleting the originals.
        foreach (var (path, bytes) in originals) File.WriteAllBytes(path, bytes);
        Assert.That((await reader.ReadAsync<RoundRow>()).Count, Is.EqualTo(rounds.Count + 6), "add's six rounds twice, copy's once");

        var healed = await new LedgerCompactor(root).CompactAsync("add");

        Assert.That(healed.Single(c => c.Folder.Contains("rounds")).DuplicatesDropped, Is.EqualTo(6));
        Assert.That(Snapshot(await reader.ReadAsync<RoundRow>()), Is.EqualTo(rounds));
    }
}
