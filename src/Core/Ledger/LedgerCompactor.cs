namespace Runner.Core.Ledger;

/// <summary>One table x spec folder that compaction merged.</summary>
public sealed record CompactedFolder(string Folder, int FilesBefore, int Rows, int DuplicatesDropped);

/// <summary>
/// Merges each table's small per-round files of a spec into one file, without losing a row.
/// The merged file is written atomically before any original is deleted, and only the files
/// read are deleted (a run writing meanwhile keeps its new files). If compaction is cut short
/// between the two steps, rows exist twice; the next compaction drops exact duplicates, so
/// running it again always heals the ledger.
/// </summary>
public sealed class LedgerCompactor(string root)
{
    readonly LedgerReader reader = new(root);
    readonly LedgerWriter writer = new(root);

    public async Task<IReadOnlyList<CompactedFolder>> CompactAsync(string? specName = null, CancellationToken ct = default) =>
    [
        .. await CompactTableAsync<RunRow>(specName, ct),
        .. await CompactTableAsync<RoundRow>(specName, ct),
        .. await CompactTableAsync<EvaluationRow>(specName, ct),
        .. await CompactTableAsync<MetricRow>(specName, ct),
        .. await CompactTableAsync<LabelRow>(specName, ct),
    ];

    async Task<List<CompactedFolder>> CompactTableAsync<T>(string? specName, CancellationToken ct) where T : class, ILedgerRow, new()
    {
        var compacted = new List<CompactedFolder>();
        foreach (var folder in reader.Files<T>(specName).GroupBy(Path.GetDirectoryName))
        {
            var files = folder.ToList();
            if (files.Count < 2) continue;
            var rows = await reader.ReadFilesAsync<T>(files, ct);
            // Records compare by value: a row written twice (a compaction cut short) is one row.
            var distinct = rows.Distinct().ToList();
            await writer.WriteCompactedAsync(distinct, ct);
            foreach (var file in files) File.Delete(file);
            compacted.Add(new CompactedFolder(folder.Key!, files.Count, distinct.Count, rows.Count - distinct.Count));
        }
        return compacted;
    }
}
