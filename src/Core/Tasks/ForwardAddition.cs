using System.Numerics;

namespace Runner.Core.Tasks;

/// <summary>
/// Forward addition (METHOD.md section 4): operands and sum in natural order, no padding.
/// `1234+987=` -> `2221`. Difficulty n: for labelling and evaluation both operands have n digits.
/// A carry out of the top digit adds one, so the format does not fix the answer's length: the
/// expected-length filter cannot be used (the paper filtered this task by batch, k = 2).
/// </summary>
public sealed class ForwardAddition : ITask
{
    public string Kind => "forward_addition";
    public IReadOnlyList<string> Vocabulary { get; } = Vocabularies.Characters("0123456789+=");
    public bool AnswerLengthIsFixed => false;

    public Example SampleTraining(int minDifficulty, int maxDifficulty, Random rng)
    {
        var a = Digits.Random(rng.Next(minDifficulty, maxDifficulty + 1), rng);
        var b = Digits.Random(rng.Next(minDifficulty, maxDifficulty + 1), rng);
        var prompt = Format(a, b);
        return new Example(prompt, Solve(prompt));
    }

    public string SamplePrompt(int difficulty, Random rng) =>
        Format(Digits.Random(difficulty, rng), Digits.Random(difficulty, rng));

    public static string Format(string a, string b) => $"{a}+{b}=";

    public string Solve(string prompt)
    {
        var (a, b) = Operands(prompt);
        return (BigInteger.Parse(a) + BigInteger.Parse(b)).ToString();
    }

    /// <summary>An upper bound, max(len)+1 digits (one token each): the sum has max(len) digits, or one more after a final carry.</summary>
    public int MaxAnswerTokens(string prompt)
    {
        var (a, b) = Operands(prompt);
        return Math.Max(a.Length, b.Length) + 1;
    }

    public double PromptCount(int difficulty) => Math.Pow(Digits.CountOfLength(difficulty), 2);

    static (string A, string B) Operands(string prompt)
    {
        var parts = prompt.TrimEnd('=').Split('+');
        return (parts[0], parts[1]);
    }
}
