namespace Runner.Core.Tasks;

/// <summary>A problem as the model sees it: the prompt it is given and the answer it must write.</summary>
public readonly record struct Example(string Prompt, string Answer);

/// <summary>
/// A task of METHOD.md section 4: generates problems of a given difficulty and knows the true
/// answer to any of its prompts. The loop only ever uses <see cref="Solve"/> for logging the
/// true accuracy of labels and for evaluation, never to choose which labels to keep.
/// </summary>
public interface ITask
{
    /// <summary>The spec's task.kind.</summary>
    string Kind { get; }

    /// <summary>Every character a prompt or answer of this task may contain.</summary>
    string Alphabet { get; }

    /// <summary>A random D0 training example: operand lengths drawn independently within the range.</summary>
    Example SampleTraining(int minDifficulty, int maxDifficulty, Random rng);

    /// <summary>A random prompt of exactly this difficulty (equal operand lengths), for labelling and evaluation.</summary>
    string SamplePrompt(int difficulty, Random rng);

    /// <summary>The true answer to a prompt of this task.</summary>
    string Solve(string prompt);

    /// <summary>The answer length that the format fixes for this prompt, without solving it.</summary>
    int ExpectedAnswerLength(string prompt);

    /// <summary>How many distinct prompts exist at this difficulty (capped; used to keep evaluation sets small enough to leave training inputs).</summary>
    double PromptCount(int difficulty);
}
