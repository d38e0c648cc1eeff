using Runner.Core.Evaluation;
using Runner.Core.Labelling;
using Runner.Core.Tasks;

namespace Runner.Engine.Labelling;

/// <summary>
/// Labels fresh inputs (the paper's loop, step 2): samples prompts of the round's
/// difficulties that are not held out for evaluation, and lets every model answer them greedily;
/// with several models the label is their most common answer. The models only ever write
/// answers, never inputs.
/// </summary>
public sealed class Labeller(ITask task, IReadOnlyList<GreedyDecoder> models, HeldOutPrompts heldOut, int decodeBatch)
{
    /// <summary>Extra tokens allowed beyond the longest answer the format allows before decoding stops.</summary>
    public const int TokenSlack = 4;

    /// <summary>
    /// <paramref name="count"/> labels spread evenly over the difficulties, in order. Each decode
    /// batch holds one difficulty, so the paper's batch length filter never compares answers of
    /// different lengths by design (a 1x6 scratchpad with a 6x1 one).
    /// </summary>
    public IReadOnlyList<Label> Label(IReadOnlyList<Difficulty> difficulties, int count, Random rng)
    {
        foreach (var d in difficulties) heldOut.For(d);
        var inputs = Enumerable.Range(0, count)
            .Select(i => difficulties[i * difficulties.Count / count])
            .Select(d => (Difficulty: d, Prompt: SampleFresh(d, rng)))
            .ToList();
        var labels = new List<Label>(count);
        int firstBatch = 0;
        foreach (var group in inputs.GroupBy(i => i.Difficulty))
        {
            var prompts = group.Select(i => i.Prompt).ToList();
            int cap = MaxAnswerTokens(task, prompts);
            var outputs = models.Select(m => m.Decode(prompts, cap, decodeBatch)).ToList();
            labels.AddRange(prompts.Select((prompt, i) =>
            {
                var vote = MajorityVote.Tally(outputs.Select(o => o[i]).ToList());
                return new Label(prompt, group.Key, vote.Output.Text, vote.Output.Ended, firstBatch + i / decodeBatch,
                    vote.Votes, models.Count, vote.Tied);
            }));
            firstBatch += (prompts.Count + decodeBatch - 1) / decodeBatch;
        }
        return labels;
    }

    /// <summary>The decode cap in tokens: the longest answer the format allows for these prompts, plus slack.</summary>
    public static int MaxAnswerTokens(ITask task, IEnumerable<string> prompts) =>
        prompts.Max(task.MaxAnswerTokens) + TokenSlack;

    string SampleFresh(Difficulty difficulty, Random rng)
    {
        while (true)
        {
            var prompt = task.SamplePrompt(difficulty, rng);
            if (!heldOut.Contains(prompt)) return prompt;
        }
    }
}
