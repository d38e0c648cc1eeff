namespace Runner.Core.Ledger;

/// <summary>
/// One run as the ledger knows it: from its runs row, or, when the process died before writing
/// that row (it is written last), from the rounds it did record.
/// </summary>
public sealed record RunSummary(
    string RunId,
    string SpecName,
    string Arm,
    int Seed,
    string GitSha,
    string Status,
    DateTime? StartedUtc,
    int RoundsCompleted,
    int FinalFrontier,
    RunRow? Row)
{
    /// <summary>Status of a run with rounds but no runs row (a run still training looks the same).</summary>
    public const string Incomplete = "incomplete";

    public static RunSummary From(RunRow row) =>
        new(row.RunId, row.SpecName, row.Arm, row.Seed, row.GitSha, row.Status, row.StartedUtc, row.RoundsCompleted, row.FinalFrontier, row);

    /// <summary>A run that has rounds but no runs row; its start time comes from its id.</summary>
    public static RunSummary FromRounds(IReadOnlyCollection<RoundRow> rounds)
    {
        RoundRow last = rounds.MaxBy(r => r.Round) ?? throw new ArgumentException("A run needs at least one round.", nameof(rounds));
        DateTime? started = RunIdentity.TryParseStarted(last.RunId, out var s) ? s : null;
        return new(last.RunId, last.SpecName, last.Arm, last.Seed, last.GitSha, Incomplete, started,
            rounds.Select(r => r.Round).Distinct().Count(), last.Frontier, Row: null);
    }
}
