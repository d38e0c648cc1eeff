namespace Runner.Core.Ledger;

/// <summary>What verifying a ledger found: the files looked at, the rows read, and every problem.</summary>
public sealed record LedgerVerification(int Files, long Rows, IReadOnlyList<LedgerProblem> Problems)
{
    public bool IsClean => Problems.Count == 0;
}
