using Runner.Core.Labelling;
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

/// <summary>
/// Exact match of the whole answer and its EOS under greedy decoding, on the held-out prompts
/// of each difficulty (METHOD.md section 7).
/// </summary>
public sealed class Evaluator(ITask task, GreedyDecoder decoder, HeldOutPrompts heldOut, int decodeBatch, int member = 0)
{
    public IReadOnlyList<DifficultyAccuracy> Evaluate(IEnumerable<Difficulty> difficulties) =>
        difficulties.Select(EvaluateOne).ToList();

    DifficultyAccuracy EvaluateOne(Difficulty difficulty)
    {
        var prompts = heldOut.For(difficulty);
        if (prompts.Count == 0) return new DifficultyAccuracy(difficulty, 0, 0, member);
        var outputs = decoder.Decode(prompts, Labeller.MaxAnswerTokens(task, prompts), decodeBatch);
        int correct = prompts.Where((p, i) => outputs[i].Ended && outputs[i].Text == task.Solve(p)).Count();
        var checks = prompts.SelectMany((p, i) => task.Checks(p, outputs[i].Ended ? outputs[i].Text : ""))
            .GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.Count(c => c.Passed) / (double)prompts.Count);
        return new DifficultyAccuracy(difficulty, prompts.Count, correct, member, checks.Count == 0 ? null : checks);
    }

    /// <summary>
    /// The largest size up to which every evaluated difficulty is solved (accuracy >=
    /// <paramref name="solved"/>); one below the smallest size when that one is not. For pairs a
    /// size n covers every evaluated a x b with max(a, b) = n, so frontier 9 means every pair up
    /// to 9x9 is solved.
    /// </summary>
    public static int Frontier(IReadOnlyList<DifficultyAccuracy> results, double solved)
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
