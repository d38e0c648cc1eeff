namespace Runner.Core.Ledger;

/// <summary>Which code produced a run. Outside a repository: Sha and Branch are "unknown".</summary>
public sealed record GitInfo(string Sha, string Branch, bool IsDirty, bool InRepository)
{
    public const string Unknown = "unknown";

    public static GitInfo NotInRepository { get; } = new(Unknown, Unknown, IsDirty: false, InRepository: false);
}
