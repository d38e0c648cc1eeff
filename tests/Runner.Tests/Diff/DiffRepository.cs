using LibGit2Sharp;
using Runner.Core.Ledger;

namespace Runner.Tests.Diff;

/// <summary>
/// A temporary git repository with a ledger/ folder, for diff tests. Commit 1 ("v1") and commit 2 ("v2") of
/// <see cref="CreateAsync"/> hold the ledger of spec "add", arm "main", seeds 41 and 42, rounds 0-1, evaluated at
/// difficulties 11-13 after round 1 (1000 examples each). Commit 2 appends a rerun of both seeds (later start):
///
///   round 1 frontier   A: 11, 12        B: 13, 14        (+2, better)
///   accuracy @ 11      A: 0.89, 0.91    B: 0.94, 0.96    (+0.05, better)
///   accuracy @ 12      A: 0.80, 0.80    B: 0.70, 0.70    (-0.10, worse)
///   accuracy @ 13      A: 0.50, 0.50    B: 0.505, 0.505  (+0.005, within noise)
///   round 0 frontier   10 everywhere                     (0, within noise)
/// </summary>
sealed class DiffRepository : IDisposable
{
    public static readonly DateTime Started = new(2025, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    public string Root { get; } = Directory.CreateTempSubdirectory("runner-diff-").FullName;
    public string Ledger => Path.Combine(Root, "ledger");
    public Commit V1 { get; private set; } = null!;
    public Commit V2 { get; private set; } = null!;

    DiffRepository() => Repository.Init(Root);

    public static async Task<DiffRepository> CreateAsync()
    {
        var repo = new DiffRepository();
        await repo.WriteRunAsync("r1-s41", 41, Started, [10, 11], new() { [11] = 0.89, [12] = 0.80, [13] = 0.50 });
        await repo.WriteRunAsync("r1-s42", 42, Started, [10, 12], new() { [11] = 0.91, [12] = 0.80, [13] = 0.50 });
        repo.V1 = repo.Commit("ledger v1", "v1");
        await repo.WriteRunAsync("r2-s41", 41, Started.AddHours(1), [10, 13], new() { [11] = 0.94, [12] = 0.70, [13] = 0.505 });
        await repo.WriteRunAsync("r2-s42", 42, Started.AddHours(1), [10, 14], new() { [11] = 0.96, [12] = 0.70, [13] = 0.505 });
        repo.V2 = repo.Commit("ledger v2", "v2");
        return repo;
    }

    /// <summary>
    /// One run of spec "add", arm "main": a runs row (unless <paramref name="withRunRow"/> is false), a rounds row per
    /// frontier, and the evaluations of the last round (accuracy per difficulty, 1000 examples).
    /// </summary>
    public async Task WriteRunAsync(string runId, int seed, DateTime started, int[] frontiers, Dictionary<int, double> accuracies,
        string gitSha = "feedface", bool withRunRow = true, bool dirty = false)
    {
        var writer = new LedgerWriter(Ledger);
        if (withRunRow)
            await writer.WriteAsync([new RunRow { RunId = runId, SpecName = "add", Arm = "main", Seed = seed, GitSha = gitSha, GitDirty = dirty, StartedUtc = started, EndedUtc = started.AddMinutes(5), Status = "completed" }], "run");
        int last = frontiers.Length - 1;
        for (int round = 0; round <= last; round++)
            await writer.WriteAsync([new RoundRow { RunId = runId, SpecName = "add", Arm = "main", Seed = seed, GitSha = gitSha, Round = round, Frontier = frontiers[round] }], $"r{round:D3}");
        await writer.WriteAsync(accuracies.Select(a => new EvaluationRow
        {
            RunId = runId, SpecName = "add", Arm = "main", Seed = seed, GitSha = gitSha, Round = last,
            Difficulty = a.Key, Examples = 1000, Correct = (int)Math.Round(a.Value * 1000), Accuracy = a.Value,
        }).ToList(), $"r{last:D3}");
    }

    /// <summary>Commits everything in the working tree (additions and deletions), tagged <paramref name="tag"/> if given.</summary>
    public Commit Commit(string message, string? tag = null)
    {
        File.WriteAllText(Path.Combine(Root, "code.txt"), message);
        using var repo = new Repository(Root);
        Commands.Stage(repo, "*");
        var signature = new Signature("Test", "test@example.com", DateTimeOffset.UtcNow);
        var commit = repo.Commit(message, signature, signature);
        if (tag is not null)
            repo.ApplyTag(tag);
        return commit;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
