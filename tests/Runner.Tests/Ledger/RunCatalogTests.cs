using NUnit.Framework;
using Runner.Core.Ledger;

namespace Runner.Tests.Ledger;

public class RunCatalogTests
{
    const string Done = "20250304-050607-main-s41-0123456", Died = "20250304-060000-main-s42-0123456", Other = "20250305-000000-main-s41-0123456";

    string _dir = "";
    RunCatalog Catalog => new(new LedgerReader(Path.Combine(_dir, "ledger")));

    [SetUp]
    public async Task SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("runner-catalog-").FullName;
        var writer = new LedgerWriter(Path.Combine(_dir, "ledger"));
        await writer.WriteAsync([LedgerSamples.Run("add", Done)], "run");
        await writer.WriteAsync([LedgerSamples.Round("add", Done, 0), LedgerSamples.Round("add", Done, 1)], "r001");
        await writer.WriteAsync([LedgerSamples.Evaluation("add", Done, 1, 1)], "r001");
        await writer.WriteAsync([LedgerSamples.Evaluation("add", Died, 1, 1)], "r001");
        // The process of this run died after two rounds: no runs row.
        await writer.WriteAsync([LedgerSamples.Round("add", Died, 1) with { Seed = 42 }], "r001");
        await writer.WriteAsync([LedgerSamples.Round("add", Died, 0) with { Seed = 42 }], "r000");
        await writer.WriteAsync([LedgerSamples.Run("copy", Other) with { Status = "failed", GitDirty = false }], "run");
    }

    [TearDown] public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task ListsRunRowsAndRunsWithOnlyRoundsAsIncomplete()
    {
        var runs = await Catalog.ListAsync();

        Assert.That(runs.Select(r => $"{r.RunId} {r.SpecName} {r.Seed} {r.Status} {r.RoundsCompleted} {r.FinalFrontier} {r.StartedUtc:yyyy-MM-dd HH:mm:ss} {r.Row is null}"),
            Is.EqualTo(new[]
            {
                $"{Done} add 41 completed 3 13 2025-03-04 05:06:07 False",
                $"{Died} add 42 incomplete 2 11 2025-03-04 06:00:00 True",
                $"{Other} copy 41 failed 3 13 2025-03-04 05:06:07 False",
            }));
        Assert.That(runs[1].StartedUtc!.Value.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That((await Catalog.ListAsync("copy")).Select(r => r.RunId), Is.EqualTo(new[] { Other }));
        Assert.That(await Catalog.ListAsync("absent"), Is.Empty);
    }

    [Test]
    public async Task FindsByIdOrUniquePrefix()
    {
        Assert.That((await Catalog.FindAsync(Done)).Select(r => r.RunId), Is.EqualTo(new[] { Done }));
        Assert.That((await Catalog.FindAsync("20250304-06")).Select(r => r.RunId), Is.EqualTo(new[] { Died }));
        Assert.That((await Catalog.FindAsync("20250304")).Select(r => r.RunId), Is.EqualTo(new[] { Done, Died }), "ambiguous");
        Assert.That(await Catalog.FindAsync("2026"), Is.Empty);
    }

    [Test]
    public async Task DetailsHoldOnlyThatRunsRoundsAndEvaluations()
    {
        var died = (await Catalog.FindAsync(Died)).Single();

        var details = await Catalog.DetailsAsync(died);

        Assert.That(details.Rounds.Select(r => $"{r.RunId} {r.Round}"), Is.EqualTo(new[] { $"{Died} 0", $"{Died} 1" }));
        Assert.That(details.Evaluations.Select(e => e.RunId), Is.EqualTo(new[] { Died }));
    }

    [Test]
    public void StartTimeComesBackFromARunId()
    {
        Assert.That(RunIdentity.TryParseStarted(Died, out var started), Is.True);
        Assert.That(started, Is.EqualTo(new DateTime(2025, 3, 4, 6, 0, 0, DateTimeKind.Utc)));
        Assert.That(started.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(RunIdentity.TryParseStarted("run1", out _), Is.False);
    }
}
