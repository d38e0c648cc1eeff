using Runner.Core.Ledger;
using Runner.Core.Plans;

namespace Runner.Engine.Runs;

/// <summary>
/// Where a run of a key starts: after the last recorded round of an interrupted attempt whose
/// checkpoint is still on disk (<see cref="Resumed"/>), else after the latest round another run
/// shares with it (<see cref="Shared"/>), else from round 0 under a new run id. A resumed
/// attempt keeps its first start and commit: its code is the same (the run key says so), and a
/// run's rows must all carry one SHA for `runner diff` to see it whole.
/// </summary>
public sealed record RunStart(string RunId, DateTime Started, string GitSha, int AfterRound = -1, SharedStart? Shared = null)
{
    public bool Resumed => AfterRound >= 0 && Shared is null;

    public static RunStart For(RunPlan plan, string key, GitInfo git, RunHistory history, SharedRounds shared,
        Func<string, Checkpoint> checkpointOf, string runsRoot)
    {
        // Recorded rounds without their checkpoint (a fresh clone: runs/ is not committed) cannot be
        // continued: the furthest attempt that can is resumed, or a new one starts beside them.
        if (history.Interrupted(key, attempt => checkpointOf(attempt.RunId).Exists(attempt.LastRound)) is { } interrupted)
        {
            var started = RunIdentity.TryParseStarted(interrupted.RunId, out var first) ? first : DateTime.UtcNow;
            return new RunStart(interrupted.RunId, started, interrupted.GitSha, interrupted.LastRound);
        }
        var now = DateTime.UtcNow;
        string runId = RunIdentity.Create(now, plan.ArmName, plan.Seed, key);
        return SharedStart.Find(shared, runsRoot, history) is { } from
            ? new RunStart(runId, now, git.Sha, from.Round, from)
            : new RunStart(runId, now, git.Sha);
    }
}
