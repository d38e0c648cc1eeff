using Runner.Core.Evaluation;
using Runner.Core.Labelling;
using Runner.Core.Tasks;
using Runner.Engine.Labelling;

namespace Runner.Engine.Evaluation;

/// <summary>
/// Exact match of the whole answer and its EOS under greedy decoding, on the held-out prompts
/// of each difficulty (the paper's evaluation).
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
        int correct = Correct(task, prompts, outputs);
        var checks = prompts.SelectMany((p, i) => task.Checks(p, outputs[i].Ended ? outputs[i].Text : ""))
            .GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.Count(c => c.Passed) / (double)prompts.Count);
        return new DifficultyAccuracy(difficulty, prompts.Count, correct, member, checks.Count == 0 ? null : checks);
    }

    /// <summary>How many outputs are exact matches: ended, and the whole answer right.</summary>
    public static int Correct(ITask task, IReadOnlyList<string> prompts, IReadOnlyList<Decoded> outputs) =>
        prompts.Where((p, i) => outputs[i].Ended && outputs[i].Text == task.Solve(p)).Count();
}
