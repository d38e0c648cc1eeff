using Runner.Core.Evaluation;
using Runner.Core.Labelling;
using Runner.Core.Model;
using Runner.Core.Tasks;

namespace Runner.Engine.Labelling;

/// <summary>
/// Labels fresh inputs (the paper's loop, step 2): samples prompts of the round's
/// difficulties that are not held out for evaluation, and lets every model answer them greedily;
/// with several models the label is their most common answer. The models only ever write
/// answers, never inputs. As in the official code, each decode batch may write as many tokens as
/// its longest true answer plus EOS, and an output that never wrote EOS is a label like any other
/// (the `ended` filter drops such outputs where a spec names it).
/// </summary>
public sealed class Labeller(ITask task, IReadOnlyList<GreedyDecoder> models, HeldOutPrompts heldOut, int decodeBatch)
{
    readonly Tokenizer tokenizer = new(task.Vocabulary);

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
            var outputs = models.Select(m => m.Decode(prompts, batch => DecodeCap(task, tokenizer, batch), decodeBatch)).ToList();
            var voted = prompts.Select((prompt, i) => MajorityVote.Tally(outputs.Select(o => o[i]).ToList())).ToList();
            // The batch length filter's longest output is over every output of the decode batch, before any filter.
            var written = voted.Select(v => tokenizer.Count(v.Output.Text) + (v.Output.Ended ? 1 : 0)).ToList();
            labels.AddRange(prompts.Select((prompt, i) =>
            {
                var vote = voted[i];
                int batch = i / decodeBatch;
                int longest = written.Skip(batch * decodeBatch).Take(decodeBatch).Max();
                return new Label(prompt, group.Key, vote.Output.Text, vote.Output.Ended, firstBatch + batch,
                    vote.Votes, models.Count, vote.Tied, BatchLongest: longest);
            }));
            firstBatch += (prompts.Count + decodeBatch - 1) / decodeBatch;
        }
        return labels;
    }

    /// <summary>
    /// The official code's decode cap (JackCai1206/arithmetic-self-improve, lib/trainer_utils.py:91,
    /// `max_new_tokens = labels.shape[1]`): the longest true answer of the batch in tokens; the
    /// decoder adds one for EOS. It is the only use of ground truth in labelling: it bounds how
    /// long a label can be, never which labels are kept.
    /// </summary>
    public static int DecodeCap(ITask task, Tokenizer tokenizer, IEnumerable<string> batch) =>
        batch.Max(p => tokenizer.Count(task.Solve(p)));

    /// <summary>Extra tokens evaluation allows beyond the longest answer the format allows before decoding stops.</summary>
    public const int TokenSlack = 4;

    /// <summary>Evaluation's decode cap in tokens: the longest answer the format allows for these prompts, plus slack.</summary>
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
