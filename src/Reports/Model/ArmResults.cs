using Runner.Core.Ledger.Diff;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Reports.Model;

/// <summary>
/// One arm of a spec at one revision: its seeds' runs, and the numbers the report plots, each the
/// mean over seeds with its sample standard deviation and n (<see cref="SeedStats"/>).
/// </summary>
public sealed class ArmResults(string name, IReadOnlyList<SeedRun> runs)
{
    public string Name { get; } = name;
    public IReadOnlyList<SeedRun> Runs { get; } = runs.OrderBy(r => r.Seed).ToList();

    /// <summary>The arm's resolved spec, from any of its runs rows; null when no run of the arm finished.</summary>
    public Spec? Spec => Runs.Select(r => r.Spec).FirstOrDefault(s => s is not null);

    public int Seeds => Runs.Count;

    public IReadOnlyList<int> Rounds => Runs.SelectMany(r => r.Rounds.Select(x => x.Round)).Distinct().Order().ToList();

    public IReadOnlyList<int> EvaluatedRounds => Runs.SelectMany(r => r.EvaluatedRounds).Distinct().Order().ToList();

    /// <summary>Accuracy per difficulty after a round, over the seeds evaluated at that difficulty.</summary>
    public IReadOnlyList<(Difficulty Difficulty, SeedStats Stats)> Accuracies(int round)
    {
        var perSeed = Runs.Select(r => r.Accuracies(round)).ToList();
        return perSeed.SelectMany(a => a.Keys).Distinct().Order()
            .Select(d => (d, SeedStats.Of(perSeed.Where(a => a.ContainsKey(d)).Select(a => a[d]).ToList())))
            .ToList();
    }

    /// <summary>The largest trained size after a round, the largest over seeds (they differ only under the accelerated schedule).</summary>
    public int? TrainedMax(int round) => Runs.Select(r => r.TrainedMax(round)).Max();

    /// <summary>Pairs labelled by some seed by the end of a round.</summary>
    public IReadOnlySet<Difficulty> SelfLabelled(int round) => Runs.SelectMany(r => r.SelfLabelled(round)).ToHashSet();

    /// <summary>The frontier after a round, over the seeds that recorded it.</summary>
    public SeedStats? Frontier(int round) => Over(r => r.Rounds.FirstOrDefault(x => x.Round == round)?.Frontier);

    /// <summary>A whole-round metric over the seeds that recorded it; null when none did.</summary>
    public SeedStats? Metric(string name, int round) => Over(r => r.Metric(name, round));

    /// <summary>A number of each seed's rounds row, over the seeds that have it and where it is a number (NaN: no labels).</summary>
    public SeedStats? RoundValue(int round, Func<Core.Ledger.RoundRow, double> value) =>
        Over(r => r.Rounds.FirstOrDefault(x => x.Round == round) is { } row && !double.IsNaN(value(row)) ? value(row) : null);

    /// <summary>A per-seed number over the seeds that have it; null when none does.</summary>
    public SeedStats? Over(Func<SeedRun, double?> value)
    {
        var values = Runs.Select(value).Where(v => v is not null).Select(v => v!.Value).ToList();
        return values.Count == 0 ? null : SeedStats.Of(values);
    }

    public bool AnyIncomplete => Runs.Any(r => r.Incomplete);

    /// <summary>
    /// Round 0, the last round and evenly spaced ones between, at most <paramref name="most"/>, from
    /// the rounds that have evaluations.
    /// </summary>
    public static IReadOnlyList<int> Select(IReadOnlyList<int> rounds, int most)
    {
        if (rounds.Count <= most) return rounds;
        if (most <= 1) return [rounds[^1]];
        return Enumerable.Range(0, most).Select(i => rounds[(int)Math.Round(i * (rounds.Count - 1) / (double)(most - 1))]).Distinct().ToList();
    }
}
