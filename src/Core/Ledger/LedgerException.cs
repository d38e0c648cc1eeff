namespace Runner.Core.Ledger;

/// <summary>A ledger file could not be written or read; the message names the file.</summary>
public sealed class LedgerException : Exception
{
    public LedgerException(string message) : base(message) { }
    public LedgerException(string message, Exception inner) : base(message, inner) { }
}
