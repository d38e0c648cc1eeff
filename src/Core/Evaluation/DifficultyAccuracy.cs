using Runner.Core.Tasks;

namespace Runner.Core.Evaluation;

/// <summary>Exact-match accuracy of one model (<see cref="Member"/> of a majority-vote run, else 0) at one difficulty.</summary>
public sealed record DifficultyAccuracy(Difficulty Difficulty, int Examples, int Correct, int Member = 0,
    IReadOnlyDictionary<string, double>? CheckRates = null)
{
    /// <summary>The share of outputs passing each of the task's extra checks (<see cref="ITask.Checks"/>).</summary>
    public IReadOnlyDictionary<string, double> Checks => CheckRates ?? new Dictionary<string, double>();

    public double Accuracy => Examples == 0 ? double.NaN : (double)Correct / Examples;
}

/// <summary>The frontier (the paper's evaluation): how far every difficulty from the smallest evaluated one is solved.</summary>
public static class Frontiers
{
    /// <summary>
    /// The largest size up to which every evaluated difficulty is solved (accuracy >=
    /// <paramref name="solved"/>); one below the smallest size when that one is not. For pairs a
    /// size n covers every evaluated a x b with max(a, b) = n, so frontier 9 means every pair up
    /// to 9x9 is solved.
    /// </summary>
    public static int Of(IReadOnlyList<DifficultyAccuracy> results, double solved)
    {
        var bySize = results.GroupBy(r => r.Difficulty.Size).OrderBy(g => g.Key).ToList();
        int frontier = bySize[0].Key - 1;
        foreach (var size in bySize)
        {
            if (size.Any(r => r.Accuracy < solved || double.IsNaN(r.Accuracy))) break;
            frontier = size.Key;
        }
        return frontier;
    }

    /// <summary>
    /// How far past D0 every evaluated difficulty is solved: the largest size n above
    /// <paramref name="d0Max"/> such that every evaluated difficulty of a size from d0Max + 1 to n
    /// is solved; d0Max when the first evaluated size past D0 is not (or none was evaluated).
    /// Unlike the frontier, a forgotten D0 difficulty does not hold it down.
    /// </summary>
    public static int Reach(IReadOnlyList<DifficultyAccuracy> results, int d0Max, double solved)
    {
        int reach = d0Max;
        foreach (var size in results.Where(r => r.Difficulty.Size > d0Max).GroupBy(r => r.Difficulty.Size).OrderBy(g => g.Key))
        {
            if (size.Any(r => !(r.Accuracy >= solved))) break;
            reach = size.Key;
        }
        return reach;
    }

    /// <summary>
    /// D0's lowest accuracy and the difficulty it is at (the smallest such), among the evaluated
    /// difficulties inside D0 (for pairs, both sides within it); NaN and null when none was evaluated.
    /// </summary>
    public static (double Accuracy, Difficulty? Difficulty) D0Lowest(IEnumerable<(Difficulty Difficulty, double Accuracy)> accuracies, int d0Min, int d0Max)
    {
        bool InD0(Difficulty d) => d.A >= d0Min && d.A <= d0Max && (!d.IsPair || (d.B >= d0Min && d.B <= d0Max));
        var lowest = accuracies.Where(a => InD0(a.Difficulty)).OrderBy(a => a.Accuracy).ThenBy(a => a.Difficulty).Cast<(Difficulty, double)?>().FirstOrDefault();
        return lowest is var (difficulty, accuracy) ? (accuracy, difficulty) : (double.NaN, null);
    }

    /// <summary>The lower median, so it is always one model's value: a majority vote's frontier and reach.</summary>
    public static int LowerMedian(IReadOnlyList<int> values) => values.Order().ElementAt((values.Count - 1) / 2);
}
