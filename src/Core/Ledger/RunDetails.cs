namespace Runner.Core.Ledger;

/// <summary>Everything the ledger holds about one run except its labels: what `runner show` prints.</summary>
public sealed record RunDetails(RunSummary Run, IReadOnlyList<RoundRow> Rounds, IReadOnlyList<EvaluationRow> Evaluations);
