namespace Runner.Core.Ledger;

/// <summary>
/// What a compaction in a table x spec folder is doing: the merged file it writes and the files
/// it replaces, written before either. While the journal is there, the merged file (once
/// written) already holds every row of those files, so readers skip them and the next
/// compaction deletes them. Rows have no key to tell a duplicate by (a round may draw the same
/// prompt twice), so the journal is what tells.
/// </summary>
public static class CompactionJournal
{
    /// <summary>The journal's file name in a folder; the leading "." keeps readers from taking it for data.</summary>
    public const string Name = ".compacting.journal";

    public static Task WriteAsync(string folder, string merged, IEnumerable<string> originals, CancellationToken ct) =>
        File.WriteAllLinesAsync(Path.Combine(folder, Name), [Path.GetFileName(merged), .. originals.Select(Path.GetFileName)!], ct);

    /// <summary>The files in <paramref name="folder"/> whose rows a written merged file already holds; none without a journal or before the merged file exists.</summary>
    public static IReadOnlyList<string> AlreadyMerged(string folder)
    {
        var journal = Path.Combine(folder, Name);
        if (!File.Exists(journal)) return [];
        var names = File.ReadAllLines(journal).Where(n => n.Length > 0).ToList();
        if (names.Count == 0 || !File.Exists(Path.Combine(folder, names[0]))) return [];
        return names.Skip(1).Select(n => Path.Combine(folder, n)).Where(File.Exists).ToList();
    }

    /// <summary>Completes a compaction cut short: deletes the files its merged file holds, then the journal. Returns how many files it deleted.</summary>
    public static int Finish(string folder)
    {
        var merged = AlreadyMerged(folder);
        foreach (var file in merged) File.Delete(file);
        File.Delete(Path.Combine(folder, Name));
        return merged.Count;
    }
}
