using Runner.Core.Plans;

namespace Runner.Engine.Runs;

/// <summary>Recorded rounds 0..<paramref name="Round"/> a run can start from: all of another run's, or only model 0 of a vote's round 0.</summary>
public sealed record SharedStart(Checkpoint Checkpoint, int Round, bool ModelZeroOnly)
{
    /// <summary>
    /// The latest round another run recorded with this run's key for it (<see cref="SharedRounds"/>),
    /// with its checkpoint on disk; else a majority vote's round 0 whose model 0 has this run's
    /// round-0 key; else null.
    /// </summary>
    public static SharedStart? Find(SharedRounds shared, string runsRoot, RunHistory history)
    {
        var recorded = history.RecordedRounds();
        bool Usable(CheckpointMark mark, string key) =>
            mark.Key == key && recorded.Contains((mark.Checkpoint.RunId, mark.Round)) && mark.Checkpoint.Exists(mark.Round);
        if (Checkpoint.Marks(runsRoot).Where(m => m.Round < shared.Count && Usable(m, shared.Key(m.Round))).MaxBy(m => m.Round) is { } whole)
            return new SharedStart(whole.Checkpoint, whole.Round, ModelZeroOnly: false);
        return Checkpoint.Marks(runsRoot, modelZero: true).FirstOrDefault(m => Usable(m, shared.Key(0))) is { } vote
            ? new SharedStart(vote.Checkpoint, 0, ModelZeroOnly: true) : null;
    }
}
