using System.Numerics;

namespace Runner.Core.Tasks;

/// <summary>
/// Reversed addition (METHOD.md section 4): operands and sum written least significant digit
/// first; the sum is right-padded with 0 to max(len)+1 digits. 1234+987: `4321+789=` -> `12220`.
/// Difficulty n: for labelling and evaluation both operands have n digits.
/// </summary>
public sealed class ReversedAddition : ITask
{
    public string Kind => "reverse_addition";
    public IReadOnlyList<string> Vocabulary { get; } = Vocabularies.Characters("0123456789+=");
    public bool AnswerLengthIsFixed => true;

    public Example SampleTraining(int minDifficulty, int maxDifficulty, Random rng)
    {
        var a = Digits.Random(rng.Next(minDifficulty, maxDifficulty + 1), rng);
        var b = Digits.Random(rng.Next(minDifficulty, maxDifficulty + 1), rng);
        var prompt = Format(a, b);
        return new Example(prompt, Solve(prompt));
    }

    public string SamplePrompt(int difficulty, Random rng) =>
        Format(Digits.Random(difficulty, rng), Digits.Random(difficulty, rng));

    /// <summary>The prompt for a + b, both given in natural order.</summary>
    public static string Format(string a, string b) => $"{Digits.Reverse(a)}+{Digits.Reverse(b)}=";

    public string Solve(string prompt)
    {
        var (a, b) = Operands(prompt);
        var sum = (BigInteger.Parse(a) + BigInteger.Parse(b)).ToString();
        return Digits.Reverse(sum).PadRight(Math.Max(a.Length, b.Length) + 1, '0');
    }

    /// <summary>max(len)+1 digits, one token each: the padding fixes it.</summary>
    public int MaxAnswerTokens(string prompt)
    {
        var plus = prompt.IndexOf('+');
        return Math.Max(plus, prompt.Length - plus - 2) + 1;
    }

    public double PromptCount(int difficulty) => Math.Pow(Digits.CountOfLength(difficulty), 2);

    static (string A, string B) Operands(string prompt)
    {
        var parts = prompt.TrimEnd('=').Split('+');
        return (Digits.Reverse(parts[0]), Digits.Reverse(parts[1]));
    }
}
