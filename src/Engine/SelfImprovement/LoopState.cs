namespace Runner.Engine.SelfImprovement;

/// <summary>
/// The loop's position after a completed round, as a checkpoint stores it beside each model's
/// weights and optimizer state: the round, every difficulty trained so far (D0 included, as
/// "12" or "5x6") and the random streams.
/// </summary>
public sealed record LoopState(int Round, IReadOnlyList<string> Trained, ulong[] DataRng, ulong[] LabelRng, ulong[] ProbeRng, ulong[] NoiseRng)
{
    /// <summary>The data streams of voters 1..K-1 (model 0's is <see cref="DataRng"/>); null in checkpoints written before voters had their own.</summary>
    public IReadOnlyList<ulong[]>? VoterDataRngs { get; init; }
}
