namespace Runner.Core.Ledger.Diff;

/// <summary>A revision (or the repository to resolve it in) the user named cannot be used; the message says which.</summary>
public sealed class RevisionException(string message) : Exception(message);
