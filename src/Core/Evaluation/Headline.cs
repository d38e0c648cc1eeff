using System.Globalization;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Core.Evaluation;

/// <summary>
/// What a run's round achieved, as a reader should hear it. The strict frontier counts from
/// D0's smallest difficulty, so one forgotten easy difficulty holds it at 0 however far past D0
/// the model solves; then the reach (how far past D0 every difficulty is solved) and D0's lowest
/// accuracy say what happened.
/// </summary>
public sealed record Headline(int Frontier, int Reach, int D0Max, double D0Lowest, Difficulty? D0Worst, double Solved)
{
    /// <summary>
    /// The headline of an evaluated round from every model's accuracies: the models' median reach
    /// past D0 (like the frontier, always one model's), and D0's lowest accuracy of the models'
    /// mean (as the accuracy table shows it).
    /// </summary>
    public static Headline Of(IReadOnlyList<DifficultyAccuracy> evaluation, int frontier, RangeSpec d0, double solved)
    {
        int reach = Frontiers.LowerMedian(evaluation.GroupBy(e => e.Member).Select(g => Frontiers.Reach(g.ToList(), d0.Max, solved)).ToList());
        var (lowest, worst) = Frontiers.D0Lowest(evaluation.GroupBy(e => e.Difficulty).Select(g => (g.Key, g.Average(e => e.Accuracy))), d0.Min, d0.Max);
        return new Headline(frontier, reach, d0.Max, lowest, worst, solved);
    }

    /// <summary>Every evaluated D0 difficulty is still solved.</summary>
    public bool D0Retained => D0Lowest >= Solved;

    /// <summary>A D0 difficulty fell below "solved" while the model solves difficulties past D0.</summary>
    public bool ForgotD0 => D0Worst is not null && !D0Retained && Reach > D0Max;

    /// <summary>
    /// e.g. "frontier 15; D0 retained (lowest 99.6 %)", or "frontier 0 (length 1 at 75 %: forgot part
    /// of D0); solved past D0 up to 13", or "frontier 8 (9 digits at 74 %: D0 not yet solved)".
    /// </summary>
    public string Describe(ITask task)
    {
        if (D0Worst is not { } worst) return Reach > D0Max ? $"frontier {Frontier}; solved past D0 up to {Reach}" : $"frontier {Frontier}";
        string where = $"{task.Describe(worst)} at {Percent(D0Lowest)}";
        if (D0Retained) return $"frontier {Frontier}; D0 retained (lowest {Percent(D0Lowest)})";
        return ForgotD0
            ? $"frontier {Frontier} ({where}: forgot part of D0); solved past D0 up to {Reach}"
            : $"frontier {Frontier} ({where}: D0 not yet solved)";
    }

    /// <summary>Percent with one decimal, floored like the accuracy tables, so 99.96 % never reads as 100 %.</summary>
    public static string Percent(double fraction) => double.IsNaN(fraction) ? "-"
        : (Math.Floor(fraction * 1000) / 10).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
