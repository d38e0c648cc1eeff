namespace Runner.Core.Ledger;

/// <summary>
/// Everything the ledger holds about one run except its labels: what `runner show` prints.
/// <paramref name="MemberFrontiers"/> is each model's frontier per round as a majority-vote run
/// recorded it (at its own "solved" threshold), keyed by (round, member); empty for one model.
/// </summary>
public sealed record RunDetails(RunSummary Run, IReadOnlyList<RoundRow> Rounds, IReadOnlyList<EvaluationRow> Evaluations,
    IReadOnlyDictionary<(int Round, int Member), int> MemberFrontiers);
