using Runner.Core.Evaluation;
using Runner.Core.Labelling;
using Runner.Core.Ledger;
using Runner.Core.Plans;
using Runner.Core.Tasks;
using Runner.Engine.SelfImprovement;
using Runner.Engine.Training;

namespace Runner.Engine.Runs;

/// <summary>An earlier attempt at a run key that stopped before its end: its id, last recorded round, and the commit its rows carry.</summary>
public sealed record InterruptedRun(string RunId, int LastRound, string GitSha);

/// <summary>
/// What the ledger already holds for a run key. A round counts as recorded once its `rounds`
/// row exists: the recorder writes that row last, so evaluations and labels without it are the
/// leftovers of a round that was cut short.
/// </summary>
public sealed class RunHistory(string ledgerRoot, string specName)
{
    readonly LedgerReader reader = new(ledgerRoot);

    public RunRow? Completed(string runKey) =>
        Read<RunRow>().Where(r => r.RunKey == runKey && r.Status == "completed").MaxBy(r => r.EndedUtc);

    /// <summary>
    /// The attempt that got furthest among those <paramref name="resumable"/> accepts (those whose
    /// checkpoint is still on disk), or null when none of this key's recorded attempts is.
    /// </summary>
    public InterruptedRun? Interrupted(string runKey, Func<InterruptedRun, bool> resumable) =>
        Read<RoundRow>().Where(r => r.RunKey == runKey)
            .GroupBy(r => r.RunId)
            .Select(g => new InterruptedRun(g.Key, g.Max(r => r.Round), g.MinBy(r => r.Round)!.GitSha))
            .OrderByDescending(r => r.LastRound).ThenByDescending(r => r.RunId, StringComparer.Ordinal)
            .FirstOrDefault(resumable);

    /// <summary>Every (run, round) whose `rounds` row is in the ledger.</summary>
    public HashSet<(string RunId, int Round)> RecordedRounds() => Read<RoundRow>().Select(r => (r.RunId, r.Round)).ToHashSet();

    /// <summary>The recorded rounds of a run, rebuilt from its rows (label batches are not recorded: 0).</summary>
    public IReadOnlyList<RoundOutcome> Outcomes(string runId)
    {
        var evaluations = ReadRun<EvaluationRow>(runId).ToLookup(e => e.Round);
        var labels = ReadRun<LabelRow>(runId).ToLookup(l => l.Round);
        return ReadRun<RoundRow>(runId).OrderBy(r => r.Round).Select(r => new RoundOutcome(
            r.Round,
            Difficulties(r.Difficulties),
            labels[r.Round].Select(l => new LabelOutcome(
                new Label(l.Prompt, LedgerDifficulty.Of(l.Difficulty, l.DifficultyB), l.ModelLabel, l.Ended, Batch: 0, l.Votes, l.Voters, l.Tied, l.Confidence),
                l.TrueLabel, l.Kept, l.Corrupted ? l.TrainedLabel : null)).ToList(),
            r.Steps,
            r.FinalLoss,
            evaluations[r.Round].Select(e => new DifficultyAccuracy(LedgerDifficulty.Of(e.Difficulty, e.DifficultyB), e.Examples, e.Correct, e.Member))
                .OrderBy(e => e.Member).ThenBy(e => e.Difficulty).ToList(),
            r.Frontier,
            TimeSpan.FromSeconds(r.WallSeconds),
            Stop: StopReason.Parse(r.StopReason))).ToList();
    }

    /// <summary>
    /// Deletes what cut-short attempts at this run key left behind: data files of rounds that
    /// have no `rounds` row (a process killed between a round's files; a rounds file is its own
    /// record, so only the other tables are checked), and temp files whose
    /// writer is no longer running (a process killed mid-write). Recorded rounds are never touched.
    /// </summary>
    public void RemoveUnrecorded(string runKey)
    {
        var recorded = Read<RoundRow>().Where(r => r.RunKey == runKey).Select(r => (r.RunId, r.Round)).ToHashSet();
        RemoveUnrecorded<EvaluationRow>(runKey, recorded);
        RemoveUnrecorded<LabelRow>(runKey, recorded);
        RemoveUnrecorded<MetricRow>(runKey, recorded);
        RemoveUnrecorded<StepRow>(runKey, recorded);
        foreach (var table in Directory.Exists(ledgerRoot) ? Directory.GetDirectories(ledgerRoot) : [])
        {
            var folder = Path.Combine(table, $"spec={specName}");
            if (!Directory.Exists(folder)) continue;
            foreach (var temp in Directory.GetFiles(folder).Where(LedgerLayout.IsTempFile))
                if (LedgerLayout.TempFileWriter(temp) is not int pid || !IsRunning(pid)) File.Delete(temp);
        }
    }

    void RemoveUnrecorded<T>(string runKey, HashSet<(string RunId, int Round)> recorded) where T : class, ILedgerRow, IRoundRow, new()
    {
        foreach (var file in reader.Files<T>(specName))
        {
            var rows = reader.ReadFilesAsync<T>([file]).GetAwaiter().GetResult();
            // Only files made entirely of this key's unrecorded rows: a compacted file mixes many runs.
            if (rows.Count > 0 && rows.All(r => r.RunKey == runKey && !recorded.Contains((r.RunId, r.Round))))
                File.Delete(file);
        }
    }

    static bool IsRunning(int pid)
    {
        try { using var process = System.Diagnostics.Process.GetProcessById(pid); return !process.HasExited; }
        catch (ArgumentException) { return false; }
    }

    static IReadOnlyList<Difficulty> Difficulties(string text) => Difficulty.ParseList(text);

    List<T> Read<T>() where T : class, ILedgerRow, new() => reader.ReadAsync<T>(specName).GetAwaiter().GetResult();
    List<T> ReadRun<T>(string runId) where T : class, ILedgerRow, new() => reader.ReadRunAsync<T>(specName, runId).GetAwaiter().GetResult();
}
