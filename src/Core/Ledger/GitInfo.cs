namespace Runner.Core.Ledger;

/// <summary>
/// Which code produced a run. Outside a repository: Sha, Branch and CodeTree are "unknown".
/// CodeTree identifies the committed code without the ledger and runs folders (so committing
/// results does not change it); Diff is the uncommitted change to that code, empty when clean.
/// </summary>
public sealed record GitInfo(string Sha, string Branch, bool IsDirty, bool InRepository)
{
    public const string Unknown = "unknown";

    public static GitInfo NotInRepository { get; } = new(Unknown, Unknown, IsDirty: false, InRepository: false);

    public string CodeTree { get; init; } = Unknown;
    public IReadOnlyList<string> ChangedFiles { get; init; } = [];
    public string Diff { get; init; } = "";

    /// <summary>SHA-256 of <see cref="Diff"/> (first 16 hex digits), empty when clean.</summary>
    public string DiffHash => IsDirty ? Hashing.Sha256Hex(Diff + "\n" + string.Join("\n", ChangedFiles))[..16] : "";
}
