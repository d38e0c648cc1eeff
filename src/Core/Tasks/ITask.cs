namespace Runner.Core.Tasks;

/// <summary>A problem as the model sees it: the prompt it is given and the answer it must write.</summary>
public readonly record struct Example(string Prompt, string Answer)
{
    /// <summary>
    /// The tokens to train on instead of BOS + prompt + answer + EOS, when they are not that: a
    /// label corrupted as the official code corrupts it (<see cref="Training.TrainingSequence"/>).
    /// </summary>
    public Training.TrainingSequence? Sequence { get; init; }
}

/// <summary>
/// One of the paper's tasks: generates problems of a given difficulty and knows the true
/// answer to any of its prompts. The loop only ever uses <see cref="Solve"/> for logging the
/// true accuracy of labels and for evaluation, never to choose which labels to keep.
/// </summary>
public interface ITask
{
    /// <summary>The spec's task.kind.</summary>
    string Kind { get; }

    /// <summary>A difficulty as a reader says it: "length 12", "12 digits", "5x6", "9 hops", "30 nodes".</summary>
    string Describe(Difficulty difficulty) => $"difficulty {difficulty}";

    /// <summary>A figure's difficulty axis, with its unit: "Operand length (digits)".</summary>
    string DifficultyAxis { get; }

    /// <summary>What a difficulty counts, for a frontier's axis: "digits", "hops", "nodes".</summary>
    string DifficultyUnit => "digits";

    /// <summary>The smallest difficulty the task can generate (the first operand's length, hops or nodes).</summary>
    int MinDifficulty => 1;

    /// <summary>The largest difficulty the task can generate; int.MaxValue when there is no bound.</summary>
    int MaxDifficulty => int.MaxValue;

    /// <summary>Whether a difficulty is a pair of operand lengths ("5x6", multiplication) rather than one number.</summary>
    bool PairDifficulties => false;

    /// <summary>Every token a prompt or answer of this task is written in (the paper's model), in id order.</summary>
    IReadOnlyList<string> Vocabulary { get; }

    /// <summary>A random D0 training example: operand lengths drawn independently within the range.</summary>
    Example SampleTraining(int minDifficulty, int maxDifficulty, Random rng);

    /// <summary>A random prompt of exactly this difficulty (equal operand lengths), for labelling and evaluation.</summary>
    string SamplePrompt(Difficulty difficulty, Random rng);

    /// <summary>The true answer to a prompt of this task.</summary>
    string Solve(string prompt);

    /// <summary>The most tokens a correct answer to this prompt can have, read from the prompt without solving it. It caps greedy decoding.</summary>
    int MaxAnswerTokens(string prompt);

    /// <summary>The fewest tokens a correct answer to this prompt can have, read from the prompt without solving it.</summary>
    int MinAnswerTokens(string prompt);

    /// <summary>
    /// Whether the prompt tells the answer's length: MinAnswerTokens..MaxAnswerTokens is then a
    /// single length (padded formats) or two (forward addition's final carry), so a label of
    /// any other length is surely wrong; the expected-length filter relies on it. False for the
    /// mazes, whose path length only solving reveals.
    /// </summary>
    bool PromptTellsAnswerLength { get; }

    /// <summary>How many distinct prompts exist at this difficulty (capped; used to keep evaluation sets small enough to leave training inputs).</summary>
    double PromptCount(Difficulty difficulty);

    /// <summary>
    /// Checks beyond exact match that evaluation reports as rates (the maze's format, edges and
    /// endpoints, as the paper checks mazes); none by default.
    /// </summary>
    IReadOnlyList<(string Name, bool Passed)> Checks(string prompt, string output) => [];

    /// <summary>Every difficulty of the range min..max that the task can generate: the numbers, or every pair of them for a pair task.</summary>
    IReadOnlyList<Difficulty> Levels(int min, int max) =>
        Enumerable.Range(min, max - min + 1).Select(n => (Difficulty)n).ToList();

    /// <summary>
    /// D0's weight against the older rounds in the data mixture: the number of lengths D0 gives
    /// the first operand, as the paper's sampling code computes it (lib/data_utils.py,
    /// get_train_dataset: len(range(*n_digits_a_train[0]))). One a difficulty by default: 16 for
    /// reverse addition's 1-16 digits.
    /// </summary>
    int D0Weight(int min, int max) => Levels(min, max).Count;

    /// <summary>
    /// An older round's weight in the data mixture under a schedule whose round may label several
    /// steps (accelerated, explicit): its number of difficulties, as the paper's accelerated
    /// addition, copy and reverse runs weigh a round by the lengths it labelled (--fast_self_improve,
    /// lib/data_utils.py). Under the uniform schedule every older round weighs 1.
    /// </summary>
    int RoundWeight(IReadOnlyList<Difficulty> labelled) => labelled.Count;

    /// <summary>
    /// The uniform schedule's steps past D0, in the paper's order: one
    /// difficulty at a time by default, until the task can generate no harder problem.
    /// </summary>
    IEnumerable<IReadOnlyList<Difficulty>> Curriculum(int d0Max)
    {
        for (int n = d0Max + 1; n <= 10_000; n++) yield return [n];
    }
}
