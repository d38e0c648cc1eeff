using Runner.Core.Tasks;

namespace Runner.Core.Model;

/// <summary>
/// The longest sequence an example of a difficulty makes (the paper's model): BOS, the prompt,
/// the longest correct answer, EOS. The model's context (model.context) must hold it.
/// </summary>
public static class SequenceLength
{
    /// <summary>
    /// Every prompt of a difficulty has the same number of tokens (equal operand lengths; a maze
    /// tree of N nodes), so one sample tells. So does the longest answer: the bound the prompt
    /// gives, or for a maze the path of its hops (not the decoding cap of every node).
    /// </summary>
    public static int Of(ITask task, Difficulty difficulty)
    {
        var tokenizer = new Tokenizer(task.Vocabulary);
        var prompt = task.SamplePrompt(difficulty, new Random(0));
        int answer = task.PromptTellsAnswerLength ? task.MaxAnswerTokens(prompt) : tokenizer.Encode(task.Solve(prompt)).Count();
        return tokenizer.EncodePrompt(prompt).Length + answer + 1;
    }

    /// <summary>Whether the longest example of the difficulty fits in a context of <paramref name="context"/> tokens.</summary>
    public static bool Fits(ITask task, Difficulty difficulty, int context) => Of(task, difficulty) <= context;

    /// <summary>The longest of D0's examples (its operand lengths drawn independently, so the hardest pair of the range).</summary>
    public static int OfD0(ITask task, int d0Min, int d0Max) => task.Levels(d0Min, d0Max).Max(d => Of(task, d));
}
