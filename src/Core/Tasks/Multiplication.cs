using System.Numerics;
using System.Text;

namespace Runner.Core.Tasks;

/// <summary>
/// Multiplication with the reversed scratchpad (the paper's tasks); the difficulty is the pair
/// (digits of a, digits of b). Every number is written least significant digit first. For each
/// digit b_i of b the partial product a*b_i*10^i, padded with 0 to i+len(a)+1 digits; terms
/// joined by `+`, and after every term but the first and the last the running sum in
/// parentheses, padded the same; then `=` and the product padded to len(a)+len(b).
/// 1234x567: `4321*765=` -> `83680+040470(876280)+0007160=8769960`.
/// </summary>
public sealed class Multiplication : ITask
{
    public string Kind => "multiplication";

    public string Describe(Difficulty difficulty) => $"{difficulty} digits";

    public string DifficultyAxis => "Larger operand (digits); worst pair of that size";

    public bool PairDifficulties => true;
    public IReadOnlyList<string> Vocabulary { get; } = Vocabularies.Characters("0123456789*+()=");

    /// <summary>Every number is padded, so the operand lengths fix the answer's length.</summary>
    public bool PromptTellsAnswerLength => true;

    public int MinAnswerTokens(string prompt) => MaxAnswerTokens(prompt);

    public static string Format(string a, string b) => $"{Digits.Reverse(a)}*{Digits.Reverse(b)}=";

    /// <summary>D0: the two lengths drawn independently, so every pair of the range appears.</summary>
    public Example SampleTraining(int minDifficulty, int maxDifficulty, Random rng)
    {
        var a = Digits.Random(rng.Next(minDifficulty, maxDifficulty + 1), rng);
        var b = Digits.Random(rng.Next(minDifficulty, maxDifficulty + 1), rng);
        var prompt = Format(a, b);
        return new Example(prompt, Solve(prompt));
    }

    public string SamplePrompt(Difficulty difficulty, Random rng)
    {
        if (!difficulty.IsPair)
            throw new ArgumentException($"multiplication difficulties are pairs like 5x6 (got {difficulty})", nameof(difficulty));
        return Format(Digits.Random(difficulty.A, rng), Digits.Random(difficulty.B, rng));
    }

    public string Solve(string prompt)
    {
        var (a, b) = Operands(prompt);
        var aValue = BigInteger.Parse(a);
        var answer = new StringBuilder();
        BigInteger running = 0;
        for (int i = 0; i < b.Length; i++)
        {
            int digit = b[b.Length - 1 - i] - '0';
            var term = aValue * digit * BigInteger.Pow(10, i);
            running += term;
            int width = i + a.Length + 1;
            if (i > 0) answer.Append('+');
            answer.Append(Reversed(term, width));
            if (i > 0 && i < b.Length - 1) answer.Append('(').Append(Reversed(running, width)).Append(')');
        }
        return answer.Append('=').Append(Reversed(running, a.Length + b.Length)).ToString();
    }

    /// <summary>Exact: the scratchpad's length follows from the operand lengths alone.</summary>
    public int MaxAnswerTokens(string prompt)
    {
        var (a, b) = Operands(prompt);
        int n = a.Length, m = b.Length, length = 0;
        for (int i = 0; i < m; i++)
        {
            length += i + n + 1 + (i > 0 ? 1 : 0);
            if (i > 0 && i < m - 1) length += i + n + 1 + 2;
        }
        return length + 1 + n + m;
    }

    public double PromptCount(Difficulty difficulty) =>
        Digits.CountOfLength(difficulty.A) * Digits.CountOfLength(difficulty.IsPair ? difficulty.B : difficulty.A);

    public IReadOnlyList<Difficulty> Levels(int min, int max) =>
        [.. from a in Enumerable.Range(min, max - min + 1) from b in Enumerable.Range(min, max - min + 1) select Difficulty.Pair(a, b)];

    /// <summary>D0 weighs the lengths of the first operand, not the pairs: 5 for 1-5 x 1-5, as the paper's sampling code.</summary>
    public int D0Weight(int min, int max) => max - min + 1;

    /// <summary>
    /// Every older round weighs 1, whatever pairs it labelled: the paper's accelerated run
    /// (experiments/run_mult_fast.sh) does not weigh rounds by their size, and its sampling code
    /// reads no length range from a multiplication round (lib/data_utils.py, get_train_dataset).
    /// </summary>
    public int RoundWeight(IReadOnlyList<Difficulty> labelled) => 1;

    /// <summary>
    /// The paper's pair order: past n-1 x n-1, the round labels (1,n) and
    /// (n,1), then (2,n) and (n,2), ... (n-1,n) and (n,n-1), and finally (n,n).
    /// </summary>
    public IEnumerable<IReadOnlyList<Difficulty>> Curriculum(int d0Max)
    {
        for (int n = d0Max + 1; n <= 1_000; n++)
        {
            for (int i = 1; i < n; i++) yield return [Difficulty.Pair(i, n), Difficulty.Pair(n, i)];
            yield return [Difficulty.Pair(n, n)];
        }
    }

    /// <summary>The operands in natural order.</summary>
    static (string A, string B) Operands(string prompt)
    {
        var parts = prompt.TrimEnd('=').Split('*');
        return (Digits.Reverse(parts[0]), Digits.Reverse(parts[1]));
    }

    static string Reversed(BigInteger value, int width) => Digits.Reverse(value.ToString()).PadRight(width, '0');
}
