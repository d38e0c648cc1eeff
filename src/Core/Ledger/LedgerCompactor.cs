namespace Runner.Core.Ledger;

/// <summary>
/// One table x spec folder that compaction changed: <see cref="FilesBefore"/> files merged into
/// one of <see cref="Rows"/> rows (0 files when none were), after removing
/// <see cref="LeftoversRemoved"/> originals that an interrupted compaction had already merged.
/// </summary>
public sealed record CompactedFolder(string Folder, int FilesBefore, int Rows, int LeftoversRemoved);

/// <summary>
/// Merges each table's small per-round files of a spec into one file, without losing or
/// doubling a row. Before it writes anything it records in a journal which files it merges and
/// where; then it writes the merged file atomically, deletes the originals and the journal. If
/// it is cut short, the next compaction reads the journal and deletes the originals the merged
/// file already holds (rows have no key to tell a duplicate by: a round may draw the same
/// prompt twice). Only rows of recorded rounds are merged: the files of a round cut short stay
/// as they are, for the resumed run to delete.
/// </summary>
public sealed class LedgerCompactor(string root)
{
    /// <summary>The journal's file name in a table x spec folder; the leading "." hides it from readers.</summary>
    public const string JournalName = ".compacting.journal";

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
        ];
    }

    async Task<List<CompactedFolder>> CompactTableAsync<T>(string? specName, Func<T, bool> mergeable, CancellationToken ct)
        where T : class, ILedgerRow, new()
    {
        var compacted = new List<CompactedFolder>();
        foreach (var folder in SpecFolders<T>(specName))
        {
            int leftovers = FinishInterrupted(folder);
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
            var journal = Path.Combine(folder, JournalName);
            await File.WriteAllLinesAsync(journal, [Path.GetFileName(merged), .. files.Select(Path.GetFileName)!], ct);
            await writer.WriteAtAsync(rows, merged, ct);
            foreach (var file in files) File.Delete(file);
            File.Delete(journal);
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

    /// <summary>
    /// Completes a compaction cut short in this folder: when its merged file was written, the
    /// originals it lists that still exist are deleted; when it was not, they are all still there.
    /// Returns how many originals were deleted.
    /// </summary>
    static int FinishInterrupted(string folder)
    {
        var journal = Path.Combine(folder, JournalName);
        if (!File.Exists(journal)) return 0;
        var names = File.ReadAllLines(journal).Where(n => n.Length > 0).ToList();
        int removed = 0;
        if (names.Count > 0 && File.Exists(Path.Combine(folder, names[0])))
            foreach (var original in names.Skip(1).Select(n => Path.Combine(folder, n)).Where(File.Exists))
            {
                File.Delete(original);
                removed++;
            }
        File.Delete(journal);
        return removed;
    }
}
