using Runner.Core.Tasks;
using NUnit.Framework;
using Runner.Core.Ledger;
using Runner.Core.Ledger.Diff;

namespace Runner.Tests.Diff;

/// <summary>Snapshots of a ledger at git revisions, and the comparison of two of them.</summary>
public class ResultsDiffTests
{
    DiffRepository repo = null!;

    [SetUp] public async Task SetUp() => repo = await DiffRepository.CreateAsync();
    [TearDown] public void TearDown() => repo.Dispose();

    async Task<ResultsDiff> DiffAsync(string revisionA, string? revisionB)
    {
        using var history = LedgerHistory.Open(repo.Ledger);
        var a = await history.AtRevisionAsync(revisionA);
        var b = revisionB is null ? await history.WorkingTreeAsync() : await history.AtRevisionAsync(revisionB);
        return ResultsDiff.Compare(a, b);
    }

    static DiffRow Row(ResultsDiff diff, int round, int? difficulty) =>
        diff.Rows.Single(r => r.Round == round && r.Difficulty == difficulty);

    [Test]
    public async Task TwoCommitsGiveExactDeltasAndVerdicts()
    {
        // Committed sides are read from git's objects, not from the files on disk.
        Directory.Delete(repo.Ledger, recursive: true);

        var diff = await DiffAsync("v1", repo.V2.Sha[..8]);

        Assert.That(diff.A.Source, Is.EqualTo(SnapshotSource.Committed));
        Assert.That(diff.A.Sha, Is.EqualTo(repo.V1.Sha));
        Assert.That(diff.B.Sha, Is.EqualTo(repo.V2.Sha));
        Assert.That(diff.Rows.Select(r => (r.Round, r.Difficulty)), Is.EqualTo(new (int, Difficulty?)[] { (0, null), (1, null), (1, 11), (1, 12), (1, 13) }));

        var frontier0 = Row(diff, 0, null);
        Assert.That((frontier0.Delta, frontier0.Noise, frontier0.Verdict), Is.EqualTo((0.0, 1.0, Verdict.WithinNoise)));

        var frontier1 = Row(diff, 1, null);
        Assert.That((frontier1.A!.Mean, frontier1.B!.Mean, frontier1.A.Seeds), Is.EqualTo((11.5, 13.5, 2)), "the latest run of each seed");
        Assert.That(frontier1.A.Spread, Is.EqualTo(Math.Sqrt(0.5)).Within(1e-12));
        Assert.That(frontier1.Delta, Is.EqualTo(2.0));
        Assert.That(frontier1.Noise, Is.EqualTo(2 * Math.Sqrt(0.5)).Within(1e-12), "2x the pooled spread beats 1 difficulty");
        Assert.That(frontier1.Verdict, Is.EqualTo(Verdict.Better));

        var better = Row(diff, 1, 11);
        Assert.That(better.Delta, Is.EqualTo(0.05).Within(1e-12));
        Assert.That((better.A!.Examples, better.A.Correct, better.B!.Correct), Is.EqualTo((2000L, 1800L, 1900L)));
        Assert.That(better.Noise, Is.EqualTo(2 * Math.Sqrt(0.0002)).Within(1e-12), "spread over seeds beats the binomial error");
        Assert.That(better.Verdict, Is.EqualTo(Verdict.Better));

        var worse = Row(diff, 1, 12);
        Assert.That(worse.Delta, Is.EqualTo(-0.10).Within(1e-12));
        Assert.That(worse.Noise, Is.EqualTo(2 * Math.Sqrt(0.75 * 0.25 * 2 / 2000)).Within(1e-12), "two binomial standard errors");
        Assert.That(worse.Verdict, Is.EqualTo(Verdict.Worse));

        var same = Row(diff, 1, 13);
        Assert.That(same.Delta, Is.EqualTo(0.005).Within(1e-12));
        Assert.That(same.Noise, Is.EqualTo(2 * Math.Sqrt(0.5025 * 0.4975 * 2 / 2000)).Within(1e-12));
        Assert.That(same.Verdict, Is.EqualTo(Verdict.WithinNoise));
    }

    [Test]
    public async Task SameRevisionTwiceGivesZeroDeltasWithinNoise()
    {
        var diff = await DiffAsync("v2", "HEAD");

        Assert.That(diff.Rows, Has.Count.EqualTo(5));
        Assert.That(diff.Rows.Select(r => r.Delta), Is.All.EqualTo(0.0));
        Assert.That(diff.Rows.Select(r => r.Verdict), Is.All.EqualTo(Verdict.WithinNoise));
    }

    [Test]
    public async Task WorkingTreeSideReadsUncommittedFiles()
    {
        await repo.WriteRunAsync("r3-s41", 41, DiffRepository.Started.AddHours(2), [10, 13], new() { [11] = 0.94, [12] = 0.70, [13] = 0.70 });
        await repo.WriteRunAsync("r3-s42", 42, DiffRepository.Started.AddHours(2), [10, 14], new() { [11] = 0.96, [12] = 0.70, [13] = 0.70 });

        var diff = await DiffAsync("v2", null);

        Assert.That(diff.B.Source, Is.EqualTo(SnapshotSource.WorkingTree));
        Assert.That(diff.B.Label, Is.EqualTo("working tree"));
        Assert.That(Row(diff, 1, 13).Delta, Is.EqualTo(0.195).Within(1e-12));
        Assert.That(Row(diff, 1, 13).Verdict, Is.EqualTo(Verdict.Better));
        Assert.That(diff.Rows.Where(r => r.Difficulty != 13).Select(r => r.Delta), Is.All.EqualTo(0.0));
    }

    [Test]
    public async Task RevisionWithoutLedgerFallsBackToWorkingTreeRowsTaggedWithItsSha()
    {
        Directory.Delete(repo.Ledger, recursive: true);
        var bare = repo.Commit("code only", "bare");
        await repo.WriteRunAsync("r4-s41", 41, DiffRepository.Started, [10, 15], new() { [11] = 1.0 }, gitSha: bare.Sha);
        await repo.WriteRunAsync("r5-s41", 41, DiffRepository.Started.AddHours(1), [10, 9], new() { [11] = 0.1 }, gitSha: repo.V1.Sha);

        using var history = LedgerHistory.Open(repo.Ledger);
        var snapshot = await history.AtRevisionAsync("bare");

        Assert.That(snapshot.Source, Is.EqualTo(SnapshotSource.TaggedInWorkingTree));
        Assert.That(snapshot.Sha, Is.EqualTo(bare.Sha));
        Assert.That(snapshot.Rounds.Select(r => r.RunId), Is.All.EqualTo("r4-s41"));
        Assert.That(snapshot.Evaluations.Single().Accuracy, Is.EqualTo(1.0));
        Assert.That((await history.AtRevisionAsync("v1")).Source, Is.EqualTo(SnapshotSource.Committed),
            "a tree with ledger rows is used as committed, even when rows tagged with its SHA exist too");
    }

    [Test]
    public async Task RunsFromUncommittedChangesAreNotTheCommitsResults()
    {
        Directory.Delete(repo.Ledger, recursive: true);
        var bare = repo.Commit("code only", "bare");
        await repo.WriteRunAsync("r4-s41", 41, DiffRepository.Started, [10, 15], new() { [11] = 1.0 }, gitSha: bare.Sha);
        // Later, from an edited tree at the same commit: the latest run, but not the commit's code.
        await repo.WriteRunAsync("r5-s41", 41, DiffRepository.Started.AddHours(1), [10, 9], new() { [11] = 0.1 }, gitSha: bare.Sha, dirty: true);

        using var history = LedgerHistory.Open(repo.Ledger);
        var snapshot = await history.AtRevisionAsync("bare");

        Assert.That(snapshot.Runs.Select(r => r.RunId), Is.EqualTo(new[] { "r4-s41" }));
        Assert.That(snapshot.Rounds.Select(r => r.RunId), Is.All.EqualTo("r4-s41"));
        Assert.That(snapshot.Evaluations.Single().Accuracy, Is.EqualTo(1.0));
    }

    [Test]
    public async Task RowsOnOneSideOnlyAreListedAsSuch()
    {
        await repo.WriteRunAsync("r3-s41", 41, DiffRepository.Started.AddHours(2), [10, 13, 15], new() { [14] = 0.5 });
        await repo.WriteRunAsync("r3-s42", 42, DiffRepository.Started.AddHours(2), [10, 13, 15], new() { [14] = 0.5 });

        var diff = await DiffAsync("v2", null);

        Assert.That(Row(diff, 2, null).Verdict, Is.EqualTo(Verdict.OnlyInB));
        Assert.That(Row(diff, 2, null).A, Is.Null);
        Assert.That(Row(diff, 2, null).Delta, Is.Null);
        Assert.That(Row(diff, 1, 11).Verdict, Is.EqualTo(Verdict.OnlyInA), "the latest runs were evaluated after round 2 instead");
        Assert.That(Row(diff, 1, 11).A!.Seeds, Is.EqualTo(2));
    }

    [Test]
    public void LatestRunIsTheLastStartedAndAFinishedRunBeatsAPartialOne()
    {
        static RoundRow Round(string runId, int seed) => new() { RunId = runId, SpecName = "add", Arm = "main", Seed = seed };
        static RunRow Run(string runId, int seed, int hour) => new()
        {
            RunId = runId, SpecName = "add", Arm = "main", Seed = seed, StartedUtc = DiffRepository.Started.AddHours(hour),
        };
        var snapshot = new LedgerSnapshot(null, null, SnapshotSource.WorkingTree,
            [Run("z-first", 1, 0), Run("a-second", 1, 1), Run("m-done", 2, 0)],
            [Round("z-first", 1), Round("a-second", 1), Round("m-done", 2), Round("n-partial", 2), Round("x", 3), Round("y", 3)],
            []);

        Assert.That(LatestRuns.Of(snapshot), Is.EquivalentTo(new[] { "a-second", "m-done", "y" }));
    }

    [Test]
    public void AccuracyNoiseHasAFloorAndFrontierNoiseIsOneDifficulty()
    {
        var perfect = new SeedStats(1.0, 0, 1, Examples: 100_000, Correct: 100_000);
        Assert.That(NoiseThreshold.Accuracy(perfect, perfect), Is.EqualTo(NoiseThreshold.AccuracyFloor));
        var one = new SeedStats(12, 0, 1);
        Assert.That(NoiseThreshold.Frontier(one, one), Is.EqualTo(1.0));
        Assert.That(SeedStats.Of([0.5]).Spread, Is.EqualTo(0.0), "one seed has no spread");
    }
}
