using System.Text.RegularExpressions;
using Runner.Core.Ledger;

namespace Runner.Engine.Runs;

/// <summary>What `runner gc` does to one run folder under runs/: the rounds it removes and keeps, and their bytes.</summary>
/// <param name="InLedger">False for a folder whose run has no recorded round: the whole folder goes.</param>
public sealed record CheckpointCollection(string Folder, bool InLedger, IReadOnlyList<int> Removed, IReadOnlyList<int> Kept,
    IReadOnlyList<string> Files, long RemovedBytes, long KeptBytes);

/// <summary>
/// Every round keeps a checkpoint (the weights and optimizer state of each model: about 170 MB per
/// model at the paper's size), so runs/ grows without bound. What a later run can still use: the
/// last recorded round of a run (an interrupted run resumes from it; it is also the final model) and
/// round 0 (the base model, which the arms of a seed share: <see cref="SharedRounds"/>). The rounds
/// in between are removed, and so is a folder whose run the ledger never recorded (nothing can resume
/// from or share it: both need the ledger's rows). Rounds after the last recorded one (a checkpoint
/// written just before the process died) and temp files of a write in progress are left alone.
/// </summary>
public static class CheckpointCollector
{
    static readonly Regex RoundFile = new(@"^round-(\d{3,})\.", RegexOptions.CultureInvariant);

    /// <summary>The last recorded round of every run in the ledger, by run id.</summary>
    public static IReadOnlyDictionary<string, int> LastRecordedRounds(string ledgerRoot) =>
        new LedgerReader(ledgerRoot).ReadAsync<RoundRow>().GetAwaiter().GetResult()
            .GroupBy(r => r.RunId).ToDictionary(g => g.Key, g => g.Max(r => r.Round));

    /// <summary>What to remove under <paramref name="runsRoot"/>, given each run's last recorded round; deletes nothing.</summary>
    public static IReadOnlyList<CheckpointCollection> Plan(string runsRoot, IReadOnlyDictionary<string, int> lastRecorded) =>
        (Directory.Exists(runsRoot) ? Directory.GetDirectories(runsRoot) : []).Order(StringComparer.Ordinal)
            .Select(folder => Collect(folder, lastRecorded.TryGetValue(Path.GetFileName(folder), out int last) ? last : null))
            .ToList();

    /// <summary>Deletes what <see cref="Plan"/> chose, checkpoint JSON first so a half-removed round never looks whole.</summary>
    public static void Remove(CheckpointCollection collection)
    {
        foreach (var file in collection.Files.OrderBy(f => !f.EndsWith(".json", StringComparison.Ordinal)))
            File.Delete(file);
        if (!collection.InLedger && Directory.Exists(collection.Folder) && !Directory.EnumerateFileSystemEntries(collection.Folder).Any())
            Directory.Delete(collection.Folder);
    }

    static CheckpointCollection Collect(string folder, int? lastRecorded)
    {
        var rounds = Directory.GetFiles(folder)
            .Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal))
            .Select(f => (File: f, Match: RoundFile.Match(Path.GetFileName(f))))
            .Where(f => f.Match.Success)
            .GroupBy(f => int.Parse(f.Match.Groups[1].Value), f => f.File)
            .OrderBy(g => g.Key)
            .ToList();
        bool Removes(int round) => lastRecorded is not { } last || (round > 0 && round < last);
        var removed = rounds.Where(g => Removes(g.Key)).ToList();
        var kept = rounds.Where(g => !Removes(g.Key)).ToList();
        // A run the ledger never recorded goes whole, its code.diff with it.
        var files = lastRecorded is null
            ? Directory.GetFiles(folder).Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal)).ToList()
            : removed.SelectMany(g => g).ToList();
        return new CheckpointCollection(folder, lastRecorded is not null, removed.Select(g => g.Key).ToList(), kept.Select(g => g.Key).ToList(),
            files, files.Sum(f => new FileInfo(f).Length), kept.SelectMany(g => g).Sum(f => new FileInfo(f).Length));
    }
}
