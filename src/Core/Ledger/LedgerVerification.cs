namespace Runner.Core.Ledger;

/// <summary>What verifying a ledger found: the files looked at, the rows read, and every problem.</summary>
public sealed record LedgerVerification(int Files, long Rows, IReadOnlyList<LedgerProblem> Problems)
{
    /// <summary>Git LFS pointers where data files belong: tables a clone has not fetched, which is no problem.</summary>
    public IReadOnlyList<string> NotFetched { get; init; } = [];

    public bool IsClean => Problems.Count == 0;
}
