using LibGit2Sharp;
using Parquet.Serialization;

namespace Runner.Core.Ledger.Diff;

/// <summary>Reads the ledger as committed in a commit's tree, straight from git's objects, without a checkout.</summary>
public static class CommittedLedger
{
    /// <summary>
    /// The runs, rounds, evaluations and metrics under <paramref name="ledgerPath"/> (relative to the repository root, '/'
    /// separated; "" for the root) in <paramref name="commit"/>'s tree. No such folder there means no rows.
    /// An unreadable file raises <see cref="LedgerException"/> naming it and the commit.
    /// </summary>
    public static async Task<LedgerSnapshot> ReadAsync(Commit commit, string ledgerPath, string revision, CancellationToken ct = default)
    {
        Tree? ledger = ledgerPath.Length == 0 ? commit.Tree : commit[ledgerPath]?.Target as Tree;
        return new LedgerSnapshot(revision, commit.Sha, SnapshotSource.Committed,
            await ReadTableAsync<RunRow>(ledger, ledgerPath, commit, ct),
            await ReadTableAsync<RoundRow>(ledger, ledgerPath, commit, ct),
            await ReadTableAsync<EvaluationRow>(ledger, ledgerPath, commit, ct))
        {
            Metrics = await ReadTableAsync<MetricRow>(ledger, ledgerPath, commit, ct),
        };
    }

    static async Task<List<T>> ReadTableAsync<T>(Tree? ledger, string ledgerPath, Commit commit, CancellationToken ct)
        where T : class, ILedgerRow, new()
    {
        var rows = new List<T>();
        if (ledger?[T.TableName]?.Target is not Tree table)
            return rows;
        foreach (var (path, blob) in DataFiles(table, Join(ledgerPath, T.TableName)).OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            try
            {
                // Parquet reads its footer first, so it needs a seekable copy of the blob.
                using var content = new MemoryStream();
                await using (var stream = blob.GetContentStream())
                    await stream.CopyToAsync(content, ct);
                content.Position = 0;
                rows.AddRange(await LedgerSchema.ReadAsync<T>(content, ct));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new LedgerException($"Cannot read ledger file {path} at {commit.Sha[..7]}: {e.Message}", e);
            }
        }
        return rows;
    }

    static IEnumerable<(string Path, Blob Blob)> DataFiles(Tree tree, string path)
    {
        foreach (TreeEntry entry in tree)
        {
            if (entry.Target is Tree folder)
                foreach (var file in DataFiles(folder, Join(path, entry.Name)))
                    yield return file;
            else if (entry.Target is Blob blob && LedgerLayout.IsDataFile(entry.Name))
                yield return (Join(path, entry.Name), blob);
        }
    }

    static string Join(string folder, string name) => folder.Length == 0 ? name : folder + "/" + name;
}
