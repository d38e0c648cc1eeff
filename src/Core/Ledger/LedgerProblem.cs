namespace Runner.Core.Ledger;

/// <summary>Something wrong with one file or folder of a ledger, shown as "path: message".</summary>
public sealed record LedgerProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
