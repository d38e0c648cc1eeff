using Runner.Core.Labelling;
using Runner.Core.Tasks;

namespace Runner.Core.Evaluation;

/// <summary>Exact-match accuracy at one difficulty.</summary>
public sealed record DifficultyAccuracy(int Difficulty, int Examples, int Correct)
{
    public double Accuracy => Examples == 0 ? double.NaN : (double)Correct / Examples;
}

/// <summary>
/// Exact match of the whole answer and its EOS under greedy decoding, on the held-out prompts
/// of each difficulty (METHOD.md section 7).
/// </summary>
public sealed class Evaluator(ITask task, GreedyDecoder decoder, HeldOutPrompts heldOut, int decodeBatch)
{
    public IReadOnlyList<DifficultyAccuracy> Evaluate(IEnumerable<int> difficulties) =>
        difficulties.Select(EvaluateOne).ToList();

    DifficultyAccuracy EvaluateOne(int difficulty)
    {
        var prompts = heldOut.For(difficulty);
        if (prompts.Count == 0) return new DifficultyAccuracy(difficulty, 0, 0);
        var outputs = decoder.Decode(prompts, Labeller.MaxAnswerTokens(task, prompts), decodeBatch);
        int correct = prompts.Where((p, i) => outputs[i].Ended && outputs[i].Text == task.Solve(p)).Count();
        return new DifficultyAccuracy(difficulty, prompts.Count, correct);
    }

    /// <summary>
    /// The largest evaluated difficulty up to which every evaluated difficulty is solved
    /// (accuracy >= <paramref name="solved"/>); one below the first when that one is not.
    /// </summary>
    public static int Frontier(IReadOnlyList<DifficultyAccuracy> results, double solved)
    {
        var ordered = results.OrderBy(r => r.Difficulty).ToList();
        int frontier = ordered[0].Difficulty - 1;
        foreach (var r in ordered)
        {
            if (r.Accuracy < solved || double.IsNaN(r.Accuracy)) break;
            frontier = r.Difficulty;
        }
        return frontier;
    }
}
