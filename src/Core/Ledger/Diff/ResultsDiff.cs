using Runner.Core.Tasks;
namespace Runner.Core.Ledger.Diff;

/// <summary>
/// Two snapshots compared per (spec, arm, round): the frontier, and the accuracy at each difficulty, each
/// averaged over seeds (the latest run of each seed), with B - A and a verdict against the noise threshold.
/// Rows are ordered by spec, arm and round, the frontier before the difficulties.
/// </summary>
public sealed record ResultsDiff(LedgerSnapshot A, LedgerSnapshot B, IReadOnlyList<DiffRow> Rows)
{
    public static ResultsDiff Compare(LedgerSnapshot a, LedgerSnapshot b)
    {
        var rows = Join(Frontiers(a), Frontiers(b), NoiseThreshold.Frontier)
            .Concat(Join(Accuracies(a), Accuracies(b), NoiseThreshold.Accuracy))
            .OrderBy(r => r.Spec, StringComparer.Ordinal)
            .ThenBy(r => r.Arm, StringComparer.Ordinal)
            .ThenBy(r => r.Round)
            .ThenBy(r => r.Difficulty ?? new Difficulty(int.MinValue))
            .ToList();
        return new ResultsDiff(a, b, rows);
    }

    /// <summary>Whether any row is a regression beyond <paramref name="threshold"/> (see <see cref="DiffRow.IsRegressionBeyond"/>).</summary>
    public bool HasRegressionBeyond(double threshold) => Rows.Any(r => r.IsRegressionBeyond(threshold));

    readonly record struct Key(string Spec, string Arm, int Round, Difficulty? Difficulty);

    static Dictionary<Key, SeedStats> Frontiers(LedgerSnapshot snapshot)
    {
        var latest = LatestRuns.Of(snapshot);
        return snapshot.Rounds
            .Where(r => latest.Contains(r.RunId))
            .GroupBy(r => new Key(r.SpecName, r.Arm, r.Round, null))
            .ToDictionary(g => g.Key, g => SeedStats.Of(g.Select(r => (double)r.Frontier).ToList()));
    }

    static Dictionary<Key, SeedStats> Accuracies(LedgerSnapshot snapshot)
    {
        var latest = LatestRuns.Of(snapshot);
        return snapshot.Evaluations
            .Where(e => latest.Contains(e.RunId))
            .GroupBy(e => new Key(e.SpecName, e.Arm, e.Round, LedgerDifficulty.Of(e.Difficulty, e.DifficultyB)))
            .ToDictionary(g => g.Key, g => SeedStats.Of(g.Select(e => e.Accuracy).ToList(),
                g.Sum(e => (long)e.Examples), g.Sum(e => (long)e.Correct)));
    }

    static IEnumerable<DiffRow> Join(Dictionary<Key, SeedStats> a, Dictionary<Key, SeedStats> b, Func<SeedStats, SeedStats, double> noise)
    {
        foreach (Key key in a.Keys.Union(b.Keys))
        {
            SeedStats? left = a.GetValueOrDefault(key), right = b.GetValueOrDefault(key);
            if (left is null || right is null)
            {
                yield return new DiffRow(key.Spec, key.Arm, key.Round, key.Difficulty, left, right, null, null,
                    left is null ? Verdict.OnlyInB : Verdict.OnlyInA);
                continue;
            }
            double delta = right.Mean - left.Mean;
            double threshold = noise(left, right);
            var verdict = Math.Abs(delta) > threshold ? (delta > 0 ? Verdict.Better : Verdict.Worse) : Verdict.WithinNoise;
            yield return new DiffRow(key.Spec, key.Arm, key.Round, key.Difficulty, left, right, delta, threshold, verdict);
        }
    }
}
