namespace Runner.Core.Ledger;

/// <summary>
/// Everything the ledger holds about one run except its labels: what `runner show` prints.
/// <paramref name="MemberFrontiers"/> is each model's frontier per round as a majority-vote run
/// recorded it (at its own "solved" threshold), keyed by (round, member); empty for one model.
/// <paramref name="RoundMetrics"/> holds each round's numbers about the whole round (no
/// difficulty, no member) by metric name, e.g. train_seconds or train_tokens.
/// </summary>
public sealed record RunDetails(RunSummary Run, IReadOnlyList<RoundRow> Rounds, IReadOnlyList<EvaluationRow> Evaluations,
    IReadOnlyDictionary<(int Round, int Member), int> MemberFrontiers,
    IReadOnlyDictionary<int, IReadOnlyDictionary<string, double>>? RoundMetrics = null)
{
    /// <summary>A whole-round metric, or null when the round did not record it.</summary>
    public double? Metric(int round, string name) =>
        RoundMetrics is not null && RoundMetrics.TryGetValue(round, out var metrics) && metrics.TryGetValue(name, out double value) ? value : null;
}
