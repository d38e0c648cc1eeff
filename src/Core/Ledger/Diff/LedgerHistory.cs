using LibGit2Sharp;

namespace Runner.Core.Ledger.Diff;

/// <summary>
/// A ledger folder's results at any revision of the git repository that contains it.
/// A revision's results are the ledger files as committed in its tree; if that tree has no ledger rows (of the
/// spec asked for), the rows of the working-tree ledger whose git_sha is the revision's commit (results run at
/// that commit but not committed yet). The working tree's results are the ledger files on disk now.
/// </summary>
public sealed class LedgerHistory : IDisposable
{
    readonly Repository repo;
    // Ledger folder relative to the repository root, '/' separated; null when the folder lies outside the working tree.
    readonly string? ledgerPath;
    LedgerSnapshot? workingTree;

    LedgerHistory(Repository repo, string ledgerFolder)
    {
        this.repo = repo;
        LedgerFolder = ledgerFolder;
        if (repo.Info.WorkingDirectory is { } root)
        {
            string relative = Path.GetRelativePath(root, ledgerFolder).Replace('\\', '/');
            ledgerPath = relative == "." ? "" : relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." ? null : relative;
        }
    }

    /// <summary>The full path of the ledger folder (which need not exist).</summary>
    public string LedgerFolder { get; }

    /// <summary>
    /// Opens the repository containing <paramref name="ledgerFolder"/>, or, when the folder does not exist yet, its
    /// nearest existing parent (for the default "ledger", the current directory).
    /// Throws <see cref="RevisionException"/> when there is none.
    /// </summary>
    public static LedgerHistory Open(string ledgerFolder) =>
        new(GitRevision.Open(ledgerFolder), Path.GetFullPath(ledgerFolder));

    /// <summary>The ledger files on disk now (of <paramref name="spec"/>, or all).</summary>
    public async Task<LedgerSnapshot> WorkingTreeAsync(string? spec = null, CancellationToken ct = default)
    {
        if (workingTree is null)
        {
            var reader = new LedgerReader(LedgerFolder);
            workingTree = new LedgerSnapshot(null, null, SnapshotSource.WorkingTree,
                await reader.ReadAsync<RunRow>(ct: ct),
                await reader.ReadAsync<RoundRow>(ct: ct),
                await reader.ReadAsync<EvaluationRow>(ct: ct))
            {
                Metrics = await reader.ReadAsync<MetricRow>(ct: ct),
            };
        }
        return workingTree.Filter(spec);
    }

    /// <summary>
    /// The results at <paramref name="revision"/> (SHA, short SHA, branch, tag, HEAD~1, ...), by the rule in the class
    /// summary. Throws <see cref="RevisionException"/> for a revision that names no commit.
    /// </summary>
    public async Task<LedgerSnapshot> AtRevisionAsync(string revision, string? spec = null, CancellationToken ct = default)
    {
        Commit commit = GitRevision.Resolve(repo, revision);
        if (ledgerPath is not null)
        {
            var committed = (await CommittedLedger.ReadAsync(commit, ledgerPath, revision, ct)).Filter(spec);
            if (!committed.IsEmpty)
                return committed;
        }
        return await TaggedAsync(revision, commit, spec, ct);
    }

    /// <summary>
    /// The working-tree ledger's rows run at <paramref name="revision"/>'s commit (their git_sha), without runs made
    /// from uncommitted changes, whatever the revision's tree has committed: what CI just ran at that commit.
    /// </summary>
    public Task<LedgerSnapshot> RunAtAsync(string revision, string? spec = null, CancellationToken ct = default) =>
        TaggedAsync(revision, GitRevision.Resolve(repo, revision), spec, ct);

    /// <summary>The commit where <paramref name="head"/> forked from <paramref name="base"/> (git merge-base), as a full SHA.</summary>
    public string MergeBase(string @base, string head) => GitRevision.MergeBase(repo, @base, head).Sha;

    async Task<LedgerSnapshot> TaggedAsync(string revision, Commit commit, string? spec, CancellationToken ct)
    {
        var tagged = (await WorkingTreeAsync(spec, ct)).Filter(gitSha: commit.Sha).WithoutDirtyRuns();
        return tagged with { Revision = revision, Sha = commit.Sha, Source = SnapshotSource.TaggedInWorkingTree };
    }

    public void Dispose() => repo.Dispose();
}
