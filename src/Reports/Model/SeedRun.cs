using Runner.Core.Ledger;
using Runner.Core.Plans;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Reports.Model;

/// <summary>
/// One arm x seed as the report sees it: the latest run of that seed (see LatestRuns), its rows,
/// and its resolved spec when the runs row is there. A run without a runs row is incomplete: its
/// process died or is still training, and its recorded rounds are shown as they are.
/// </summary>
public sealed class SeedRun
{
    public SeedRun(string runId, int seed, RunRow? row, Spec? spec, IReadOnlyList<RoundRow> rounds,
        IReadOnlyList<EvaluationRow> evaluations, IReadOnlyList<MetricRow> metrics)
    {
        RunId = runId;
        Seed = seed;
        Row = row;
        Spec = spec;
        Rounds = rounds.OrderBy(r => r.Round).ToList();
        Evaluations = evaluations;
        Metrics = metrics;
        // By reference: RoundRow is a record, and two rows may hold equal values.
        stops = Rounds.ToDictionary(r => r, r => Core.Plans.StopReason.Parse(r.StopReason), (IEqualityComparer<RoundRow>)ReferenceEqualityComparer.Instance);
        StopReason = Row?.StopReason is { Length: > 0 } reason ? Core.Plans.StopReason.Parse(reason)
            : Rounds.Select(Stop).LastOrDefault(s => s.Stopped) ?? Core.Plans.StopReason.None;
    }

    readonly Dictionary<RoundRow, StopReason> stops;

    public string RunId { get; }
    public int Seed { get; }
    public RunRow? Row { get; }
    public Spec? Spec { get; }
    public IReadOnlyList<RoundRow> Rounds { get; }
    public IReadOnlyList<EvaluationRow> Evaluations { get; }
    public IReadOnlyList<MetricRow> Metrics { get; }
    /// <summary>The run's self-generated labels (its labels table rows); empty when the report was not given them.</summary>
    public IReadOnlyList<LabelRow> Labels { get; init; } = [];
    /// <summary>The run's training curve (steps table rows) in round and step order; empty in ledgers without it.</summary>
    public IReadOnlyList<StepRow> Steps { get; init; } = [];
    /// <summary>What `runner eval` measured of the run's checkpoints (rescores table rows); empty when none.</summary>
    public IReadOnlyList<RescoreRow> Rescores { get; init; } = [];

    public bool Incomplete => Row is null;

    /// <summary>Rounds that have evaluations (a round the avalanche guard stopped has none).</summary>
    public IEnumerable<int> EvaluatedRounds => Evaluations.Select(e => e.Round).Distinct().Order();

    /// <summary>Accuracy per difficulty after <paramref name="round"/>: for a majority vote, the models' mean.</summary>
    public IReadOnlyDictionary<Difficulty, double> Accuracies(int round) => Evaluations
        .Where(e => e.Round == round)
        .GroupBy(e => LedgerDifficulty.Of(e.Difficulty, e.DifficultyB))
        .ToDictionary(g => g.Key, g => g.Average(e => e.Accuracy));

    /// <summary>
    /// The largest difficulty size trained on by the end of <paramref name="round"/>: D0's top, or
    /// the largest self-labelled size of a trained round up to it (a round the guard stopped trained nothing).
    /// Null when neither is known (no runs row and no trained labels).
    /// </summary>
    public int? TrainedMax(int round)
    {
        var labelled = Rounds.Where(r => r.Round >= 1 && r.Round <= round && r.Steps > 0)
            .SelectMany(r => Difficulty.ParseList(r.Difficulties)).Select(d => d.Size).ToList();
        int? d0 = Spec?.Task.D0.Max;
        return labelled.Count == 0 ? d0 : Math.Max(d0 ?? 0, labelled.Max());
    }

    /// <summary>The pairs self-labelled and trained on in rounds 1..round.</summary>
    public IEnumerable<Difficulty> SelfLabelled(int round) => Rounds.Where(r => r.Round >= 1 && r.Round <= round && r.Steps > 0)
        .SelectMany(r => Difficulty.ParseList(r.Difficulties));

    /// <summary>A whole-round metric of the run (member null, difficulty null), or null when the ledger has none (older ledgers).</summary>
    public double? Metric(string name, int round) =>
        Metrics.LastOrDefault(m => m.Round == round && m.Metric == name && m.Difficulty is null && m.Member is null)?.Value;

    /// <summary>Why the run ended (its stop_reason), from the runs row or else the rounds.</summary>
    public StopReason StopReason { get; }

    /// <summary>The stop rule a round of this run ended it by, read from the ledger once; none for every other round.</summary>
    public StopReason Stop(RoundRow round) => stops[round];
}
