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

/// <summary>The frontier (METHOD.md section 7): how far every difficulty from the smallest evaluated one is solved.</summary>
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
}
