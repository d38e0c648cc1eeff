using Runner.Core.Evaluation;
using Runner.Core.Tasks;

namespace Runner.Core.Labelling;

/// <summary>
/// Labels fresh inputs (METHOD.md section 1, step 2): samples prompts of the round's
/// difficulties that are not held out for evaluation, and lets the model answer them greedily.
/// The model only ever writes answers, never inputs.
/// </summary>
public sealed class Labeller(ITask task, GreedyDecoder decoder, HeldOutPrompts heldOut, int decodeBatch)
{
    /// <summary>Extra tokens allowed beyond the longest answer the format allows before decoding stops.</summary>
    public const int TokenSlack = 4;

    public IReadOnlyList<Label> Label(IReadOnlyList<int> difficulties, int count, Random rng)
    {
        foreach (var d in difficulties) heldOut.For(d);
        // Spread the round's labels evenly over its difficulties.
        var inputs = Enumerable.Range(0, count)
            .Select(i => difficulties[i * difficulties.Count / count])
            .Select(d => (Difficulty: d, Prompt: SampleFresh(d, rng)))
            .ToList();
        var outputs = decoder.Decode(inputs.Select(i => i.Prompt).ToList(), MaxAnswerTokens(task, inputs.Select(i => i.Prompt)), decodeBatch);
        return inputs.Select((input, i) => new Label(input.Prompt, input.Difficulty, outputs[i].Text, outputs[i].Ended, i / decodeBatch)).ToList();
    }

    /// <summary>The decode cap in tokens: the longest answer the format allows for these prompts, plus slack.</summary>
    public static int MaxAnswerTokens(ITask task, IEnumerable<string> prompts) =>
        prompts.Max(task.MaxAnswerTokens) + TokenSlack;

    string SampleFresh(int difficulty, Random rng)
    {
        while (true)
        {
            var prompt = task.SamplePrompt(difficulty, rng);
            if (!heldOut.Contains(prompt)) return prompt;
        }
    }
}
