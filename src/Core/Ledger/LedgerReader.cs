using Parquet.Serialization;

namespace Runner.Core.Ledger;

/// <summary>
/// Reads whole tables back from the ledger folder, skipping in-progress temp files and Git LFS pointers (a labels
/// file a clone has not fetched: its rows are absent, as `runner ledger verify` says).
/// </summary>
public sealed class LedgerReader(string root)
{
    public string Root { get; } = root;

    /// <summary>The table's data files (all specs, or only <paramref name="specName"/>), in a stable order.</summary>
    public IReadOnlyList<string> Files<T>(string? specName = null) where T : ILedgerRow
    {
        string folder = specName is null ? LedgerLayout.TableFolder<T>(Root) : LedgerLayout.SpecFolder<T>(Root, specName);
        if (!Directory.Exists(folder))
            return [];
        var files = Directory.EnumerateFiles(folder, "*" + LedgerLayout.Extension, SearchOption.AllDirectories)
            .Where(f => LedgerLayout.IsDataFile(f) && !GitLfsPointer.IsPointer(f)).ToList();
        // A compaction cut short leaves its merged file beside the files it holds: read those rows once.
        var merged = files.Select(Path.GetDirectoryName).Distinct().SelectMany(f => CompactionJournal.AlreadyMerged(f!)).ToHashSet();
        return files.Where(f => !merged.Contains(f)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// All rows of the table (optionally of one spec). A file that cannot be read raises
    /// <see cref="LedgerException"/> naming it, rather than silently dropping its rows.
    /// </summary>
    public Task<List<T>> ReadAsync<T>(string? specName = null, CancellationToken ct = default)
        where T : class, ILedgerRow, new() => ReadFilesAsync<T>(Files<T>(specName), ct);

    /// <summary>The rows of one run only (by column, not file name: compacted files hold many runs).</summary>
    public async Task<List<T>> ReadRunAsync<T>(string specName, string runId, CancellationToken ct = default)
        where T : class, ILedgerRow, new() =>
        (await ReadAsync<T>(specName, ct)).Where(r => r.RunId == runId).ToList();

    /// <summary>The rows of the given files of one table.</summary>
    public async Task<List<T>> ReadFilesAsync<T>(IEnumerable<string> files, CancellationToken ct = default) where T : class, ILedgerRow, new()
    {
        var rows = new List<T>();
        foreach (string file in files)
        {
            try
            {
                await using var stream = File.OpenRead(file);
                rows.AddRange(await LedgerSchema.ReadAsync<T>(stream, ct));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new LedgerException($"Cannot read ledger file {file}: {e.Message}", e);
            }
        }
        return rows;
    }
}
