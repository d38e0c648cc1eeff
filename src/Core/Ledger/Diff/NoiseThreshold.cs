namespace Runner.Core.Ledger.Diff;

/// <summary>How large a difference between two sides must be before it counts as a change rather than noise.</summary>
public static class NoiseThreshold
{
    /// <summary>Below one point, two equal accuracies on a few hundred examples would still read as changes.</summary>
    public const double AccuracyFloor = 0.01;

    /// <summary>
    /// Two standard errors of the difference of two binomial proportions (pooled proportion, each side's examples
    /// summed over seeds), at least <see cref="AccuracyFloor"/>; or twice the pooled spread over seeds if larger,
    /// since seeds usually differ more than sampling the evaluation set explains.
    /// </summary>
    public static double Accuracy(SeedStats a, SeedStats b)
    {
        long examples = a.Examples + b.Examples;
        double p = examples == 0 ? 0 : (double)(a.Correct + b.Correct) / examples;
        double standardError = a.Examples > 0 && b.Examples > 0
            ? Math.Sqrt(p * (1 - p) / a.Examples + p * (1 - p) / b.Examples)
            : 0;
        return Math.Max(Math.Max(2 * standardError, AccuracyFloor), 2 * PooledSpread(a, b));
    }

    /// <summary>One difficulty (the frontier's resolution), or twice the pooled spread over seeds if larger.</summary>
    public static double Frontier(SeedStats a, SeedStats b) => Math.Max(1, 2 * PooledSpread(a, b));

    /// <summary>The two sides' sample standard deviations pooled by their degrees of freedom; 0 with one seed each.</summary>
    public static double PooledSpread(SeedStats a, SeedStats b)
    {
        int freedom = a.Seeds + b.Seeds - 2;
        return freedom > 0
            ? Math.Sqrt(((a.Seeds - 1) * a.Spread * a.Spread + (b.Seeds - 1) * b.Spread * b.Spread) / freedom)
            : 0;
    }
}
