namespace Runner.Core.Ledger;

/// <summary>
/// One table x spec folder that compaction changed: <see cref="FilesBefore"/> files merged into
/// one of <see cref="Rows"/> rows (0 files when none were), after removing
/// <see cref="LeftoversRemoved"/> originals that an interrupted compaction had already merged.
/// </summary>
public sealed record CompactedFolder(string Folder, int FilesBefore, int Rows, int LeftoversRemoved);

/// <summary>
/// Merges each table's small per-round files of a spec into one file, without losing or
/// doubling a row. Before it writes anything it records in a <see cref="CompactionJournal"/>
/// which files it merges and where; then it writes the merged file atomically, deletes the
/// originals and the journal. If it is cut short, readers skip the originals the merged file
/// already holds, and the next compaction deletes them. Only rows of recorded rounds
/// are merged: the files of a round cut short stay as they are, for the resumed run to delete.
/// </summary>
public sealed class LedgerCompactor(string root)
{
    readonly LedgerReader reader = new(root);
    readonly LedgerWriter writer = new(root);

    public async Task<IReadOnlyList<CompactedFolder>> CompactAsync(string? specName = null, CancellationToken ct = default)
    {
        var recorded = (await reader.ReadAsync<RoundRow>(specName, ct)).Select(r => (r.RunId, r.Round)).ToHashSet();
        bool Recorded(IRoundRow row, string runId) => recorded.Contains((runId, row.Round));
        return
        [
            .. await CompactTableAsync<RunRow>(specName, _ => true, ct),
            .. await CompactTableAsync<RoundRow>(specName, _ => true, ct),
            .. await CompactTableAsync<EvaluationRow>(specName, r => Recorded(r, r.RunId), ct),
            .. await CompactTableAsync<MetricRow>(specName, r => Recorded(r, r.RunId), ct),
            .. await CompactTableAsync<LabelRow>(specName, r => Recorded(r, r.RunId), ct),
            .. await CompactTableAsync<StepRow>(specName, r => Recorded(r, r.RunId), ct),
            .. await CompactTableAsync<RescoreRow>(specName, _ => true, ct),
        ];
    }

    async Task<List<CompactedFolder>> CompactTableAsync<T>(string? specName, Func<T, bool> mergeable, CancellationToken ct)
        where T : class, ILedgerRow, new()
    {
        var compacted = new List<CompactedFolder>();
        foreach (var folder in SpecFolders<T>(specName))
        {
            int leftovers = CompactionJournal.Finish(folder);
            var files = new List<string>();
            var rows = new List<T>();
            foreach (var file in reader.Files<T>(specName).Where(f => Path.GetDirectoryName(f) == folder))
            {
                var fileRows = await reader.ReadFilesAsync<T>([file], ct);
                if (!fileRows.All(mergeable)) continue;
                files.Add(file);
                rows.AddRange(fileRows);
            }
            if (files.Count < 2)
            {
                if (leftovers > 0) compacted.Add(new CompactedFolder(folder, 0, 0, leftovers));
                continue;
            }
            var merged = writer.CompactedPath<T>(rows[0].SpecName);
            await CompactionJournal.WriteAsync(folder, merged, files, ct);
            await writer.WriteAtAsync(rows, merged, ct);
            CompactionJournal.Finish(folder);
            compacted.Add(new CompactedFolder(folder, files.Count, rows.Count, leftovers));
        }
        return compacted;
    }

    IEnumerable<string> SpecFolders<T>(string? specName) where T : ILedgerRow
    {
        if (specName is not null)
            return Directory.Exists(LedgerLayout.SpecFolder<T>(root, specName)) ? [LedgerLayout.SpecFolder<T>(root, specName)] : [];
        var table = LedgerLayout.TableFolder<T>(root);
        return Directory.Exists(table) ? Directory.EnumerateDirectories(table).Order(StringComparer.Ordinal).ToList() : [];
    }
}
