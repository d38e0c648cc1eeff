namespace Runner.Core.Ledger.Diff;

/// <summary>
/// The results one side of a diff stands on: the runs, rounds and evaluations of a git revision
/// (<see cref="Revision"/> as the user wrote it, <see cref="Sha"/> the commit) or of the working tree (both null).
/// </summary>
public sealed record LedgerSnapshot(
    string? Revision,
    string? Sha,
    SnapshotSource Source,
    IReadOnlyList<RunRow> Runs,
    IReadOnlyList<RoundRow> Rounds,
    IReadOnlyList<EvaluationRow> Evaluations)
{
    /// <summary>The metrics table's rows (reports read them; the diff does not).</summary>
    public IReadOnlyList<MetricRow> Metrics { get; init; } = [];

    /// <summary>No results: the runs table alone (no round finished) says nothing to compare.</summary>
    public bool IsEmpty => Rounds.Count == 0 && Evaluations.Count == 0;

    public string ShortSha => Sha is null ? "" : Sha[..Math.Min(7, Sha.Length)];

    /// <summary>"v1 (abc1234)", just "abc1234" when the revision is the SHA itself, or "working tree".</summary>
    public string Label =>
        Revision is null ? "working tree"
        : Sha!.StartsWith(Revision, StringComparison.OrdinalIgnoreCase) ? ShortSha
        : $"{Revision} ({ShortSha})";

    /// <summary>Keeps the rows of <paramref name="spec"/> and tagged with <paramref name="gitSha"/> (null: any).</summary>
    public LedgerSnapshot Filter(string? spec = null, string? gitSha = null) => this with
    {
        Runs = Keep(Runs, spec, gitSha),
        Rounds = Keep(Rounds, spec, gitSha),
        Evaluations = Keep(Evaluations, spec, gitSha),
        Metrics = Keep(Metrics, spec, gitSha),
    };

    /// <summary>
    /// Without the runs made from uncommitted changes (git_dirty in their runs row): their rows
    /// carry the commit's SHA but not its code. A run cut short has no runs row and stays.
    /// </summary>
    public LedgerSnapshot WithoutDirtyRuns()
    {
        var dirty = Runs.Where(r => r.GitDirty).Select(r => r.RunId).ToHashSet();
        return this with
        {
            Runs = Runs.Where(r => !dirty.Contains(r.RunId)).ToList(),
            Rounds = Rounds.Where(r => !dirty.Contains(r.RunId)).ToList(),
            Evaluations = Evaluations.Where(r => !dirty.Contains(r.RunId)).ToList(),
            Metrics = Metrics.Where(r => !dirty.Contains(r.RunId)).ToList(),
        };
    }

    static List<T> Keep<T>(IEnumerable<T> rows, string? spec, string? gitSha) where T : ILedgerRow =>
        rows.Where(r => (spec is null || r.SpecName == spec) && (gitSha is null || r.GitSha == gitSha)).ToList();
}

/// <summary>Where a snapshot's rows came from.</summary>
public enum SnapshotSource
{
    /// <summary>The ledger files as committed in the revision's tree.</summary>
    Committed,
    /// <summary>The revision's tree had no ledger rows: working-tree ledger rows whose git_sha is the revision's commit.</summary>
    TaggedInWorkingTree,
    /// <summary>The ledger files on disk now.</summary>
    WorkingTree,
}
