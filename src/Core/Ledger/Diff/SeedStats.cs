namespace Runner.Core.Ledger.Diff;

/// <summary>
/// One metric over seeds: the mean, the sample standard deviation (0 with one seed) and how many seeds; for
/// accuracies also the examples and correct answers summed over seeds (0 for frontiers).
/// </summary>
public sealed record SeedStats(double Mean, double Spread, int Seeds, long Examples = 0, long Correct = 0)
{
    public static SeedStats Of(IReadOnlyList<double> values, long examples = 0, long correct = 0)
    {
        double mean = values.Average();
        double spread = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return new SeedStats(mean, spread, values.Count, examples, correct);
    }
}
