namespace Runner.Core.SelfImprovement;

/// <summary>
/// The loop's position after a completed round, as a checkpoint stores it beside the weights and
/// optimizer state: the round, the largest trained difficulty and both random streams.
/// </summary>
public sealed record LoopState(int Round, int LargestTrained, ulong[] DataRng, ulong[] LabelRng);
