using Runner.Core.Ledger;

namespace Runner.Core.Ci;

/// <summary>A run this commit would train, as the ledger's runs rows name it: the resolved spec's hash, the arm, the seed.</summary>
public sealed record WantedRun(string SpecHash, string Arm, int Seed);

/// <summary>Whether one wanted run is promoted from another commit's results, and why.</summary>
public sealed record PromotionDecision(WantedRun Run, RunRow? From, string Reason)
{
    public bool Promoted => From is not null;
}

/// <summary>
/// Which of a pull request's completed runs are valid for the commit its merge made, so main takes them
/// instead of training them again. A run is valid when its run key would be the same here: the same resolved
/// spec, arm and seed, and the same code (the committed tree without ledger/, runs/ and reports/, with no
/// uncommitted diff). The key's last part, the kernels, is the run's own: a runner of the same device kind
/// computes the same key and skips the run; any other device trains it.
/// </summary>
public static class Promotion
{
    public static IReadOnlyList<PromotionDecision> Decide(IReadOnlyList<WantedRun> wanted, string codeTree, IReadOnlyList<RunRow> candidates) =>
        wanted.Select(run => Decide(run, codeTree, candidates)).ToList();

    static PromotionDecision Decide(WantedRun run, string codeTree, IReadOnlyList<RunRow> candidates)
    {
        var same = candidates.Where(c => c.Arm == run.Arm && c.Seed == run.Seed).ToList();
        if (same.Count == 0) return new(run, null, "no run of it there");
        var sameSpec = same.Where(c => c.SpecHash == run.SpecHash).ToList();
        if (sameSpec.Count == 0) return new(run, null, "the spec differs");
        var sameCode = sameSpec.Where(c => c.CodeTree == codeTree && codeTree != GitInfo.Unknown).ToList();
        if (sameCode.Count == 0) return new(run, null, $"the code differs (code tree {Short(sameSpec[0].CodeTree)} there, {Short(codeTree)} here)");
        var clean = sameCode.Where(c => !c.GitDirty).ToList();
        if (clean.Count == 0) return new(run, null, "it ran with uncommitted changes");
        var completed = clean.Where(c => c.Status == "completed").OrderByDescending(c => c.EndedUtc).ToList();
        if (completed.Count == 0) return new(run, null, $"it did not complete there ({clean[0].Status})");
        return new(run, completed[0], "same code tree and spec");
    }

    static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;

    /// <summary>The ledger files of a run, relative to the ledger root: every table's part-RUNID-*.parquet.</summary>
    public static IReadOnlyList<string> FilesOf(string ledgerRoot, string runId) =>
        Directory.Exists(ledgerRoot)
            ? Directory.EnumerateFiles(ledgerRoot, $"part-{runId}-*{LedgerLayout.Extension}", SearchOption.AllDirectories)
                .Where(LedgerLayout.IsDataFile)
                .Select(f => Path.GetRelativePath(ledgerRoot, f))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
}
