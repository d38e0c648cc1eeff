using System.Numerics;

namespace Runner.Core.Tasks;

/// <summary>
/// What the two addition tasks share (the paper's tasks): operands with a first digit 1-9,
/// lengths drawn independently within the D0 range for training, equal lengths (the
/// difficulty) for labelling and evaluation, and `a+b=` prompts in the task's digit order.
/// </summary>
public abstract class Addition : ITask
{
    public abstract string Kind { get; }
    public IReadOnlyList<string> Vocabulary { get; } = Vocabularies.Characters("0123456789+=");
    public bool PromptTellsAnswerLength => true;
    public string Describe(Difficulty difficulty) => difficulty.A == 1 ? "1 digit" : $"{difficulty} digits";

    public string DifficultyAxis => "Operand length (digits)";

    /// <summary>The prompt for a + b, both given in natural order.</summary>
    public abstract string Format(string a, string b);

    /// <summary>The answer for a sum, given in natural order, of operands with at most <paramref name="longest"/> digits.</summary>
    protected abstract string Answer(BigInteger sum, int longest);

    /// <summary>The operands as written in the prompt, in the task's digit order.</summary>
    protected abstract (string A, string B) Operands(string prompt);

    public Example SampleTraining(int minDifficulty, int maxDifficulty, Random rng)
    {
        var a = Digits.Random(rng.Next(minDifficulty, maxDifficulty + 1), rng);
        var b = Digits.Random(rng.Next(minDifficulty, maxDifficulty + 1), rng);
        var prompt = Format(a, b);
        return new Example(prompt, Solve(prompt));
    }

    public string SamplePrompt(Difficulty difficulty, Random rng) =>
        Format(Digits.Random(difficulty.A, rng), Digits.Random(difficulty.A, rng));

    public string Solve(string prompt)
    {
        var (a, b) = Operands(prompt);
        return Answer(BigInteger.Parse(a) + BigInteger.Parse(b), Math.Max(a.Length, b.Length));
    }

    /// <summary>max(len)+1 digits, one token each: exact when padded, an upper bound otherwise (a final carry or not).</summary>
    public int MaxAnswerTokens(string prompt)
    {
        var (a, b) = Operands(prompt);
        return Math.Max(a.Length, b.Length) + 1;
    }

    /// <inheritdoc/>
    public abstract int MinAnswerTokens(string prompt);

    public double PromptCount(Difficulty difficulty) => Math.Pow(Digits.CountOfLength(difficulty.A), 2);

    protected static (string A, string B) Split(string prompt)
    {
        var parts = prompt.TrimEnd('=').Split('+');
        return (parts[0], parts[1]);
    }
}
