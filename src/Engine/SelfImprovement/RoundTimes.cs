namespace Runner.Engine.SelfImprovement;

/// <summary>
/// Where a round's time went inside the loop: labelling (the models decoding fresh inputs, and
/// the accelerated schedule's measurements), filtering (the filter chain and noise injection),
/// training and evaluation. Checkpoints and ledger writes happen after the loop hands the round
/// over; their observers time them.
/// </summary>
public sealed record RoundTimes
{
    public TimeSpan Labelling { get; init; }
    public TimeSpan Filtering { get; init; }
    public TimeSpan Training { get; init; }
    public TimeSpan Evaluation { get; init; }
}
