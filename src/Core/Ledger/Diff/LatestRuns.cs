namespace Runner.Core.Ledger.Diff;

/// <summary>
/// When a snapshot holds several runs of one (spec, arm, seed), e.g. a rerun, only the latest counts: the latest
/// started_utc in the runs table. A run with no runs row yet (still running, or killed) counts as older than any
/// run that has one, so a finished run wins over a partial one; ties fall back to run id order (ids start with
/// the start time).
/// </summary>
public static class LatestRuns
{
    /// <summary>The run ids to keep, one per (spec, arm, seed) that has rounds or evaluations.</summary>
    public static IReadOnlySet<string> Of(LedgerSnapshot snapshot)
    {
        var started = snapshot.Runs
            .GroupBy(r => r.RunId)
            .ToDictionary(g => g.Key, g => g.Max(r => r.StartedUtc));
        return snapshot.Rounds.Select(r => (r.SpecName, r.Arm, r.Seed, r.RunId))
            .Concat(snapshot.Evaluations.Select(e => (e.SpecName, e.Arm, e.Seed, e.RunId)))
            .Distinct()
            .GroupBy(r => (r.SpecName, r.Arm, r.Seed))
            .Select(runs => runs
                .OrderBy(r => started.GetValueOrDefault(r.RunId, DateTime.MinValue))
                .ThenBy(r => r.RunId, StringComparer.Ordinal)
                .Last().RunId)
            .ToHashSet();
    }
}
