namespace Runner.Core.Tasks;

/// <summary>
/// Copy and reverse (the paper's tasks): a random digit string of length n, first digit not
/// 0. Copy: `90210=` -> `90210`. Reverse: `90210=` -> `01209`.
/// </summary>
public sealed class StringTask(bool reverse) : ITask
{
    public static StringTask Copy() => new(reverse: false);
    public static StringTask Reversal() => new(reverse: true);

    public string Kind => reverse ? "reverse" : "copy";

    public string Describe(Difficulty difficulty) => $"length {difficulty}";

    public string DifficultyAxis => "String length (digits)";
    public IReadOnlyList<string> Vocabulary { get; } = Vocabularies.Characters("0123456789=");
    public bool PromptTellsAnswerLength => true;

    public Example SampleTraining(int minDifficulty, int maxDifficulty, Random rng)
    {
        var prompt = SamplePrompt(rng.Next(minDifficulty, maxDifficulty + 1), rng);
        return new Example(prompt, Solve(prompt));
    }

    public string SamplePrompt(Difficulty difficulty, Random rng) => Digits.Random(difficulty.A, rng) + "=";

    public string Solve(string prompt)
    {
        var text = prompt.TrimEnd('=');
        return reverse ? Digits.Reverse(text) : text;
    }

    public int MaxAnswerTokens(string prompt) => prompt.Length - 1;

    public int MinAnswerTokens(string prompt) => MaxAnswerTokens(prompt);

    public double PromptCount(Difficulty difficulty) => Digits.CountOfLength(difficulty.A);
}
