using System.Numerics;

namespace Runner.Core.Tasks;

/// <summary>
/// Reversed addition (the paper's tasks): operands and sum written least significant digit
/// first; the sum is right-padded with 0 to max(len)+1 digits. 1234+987: `4321+789=` -> `12220`.
/// </summary>
public sealed class ReversedAddition : Addition
{
    public override string Kind => "reverse_addition";
    /// <summary>Padded to max(len)+1 digits: one length.</summary>
    public override int MinAnswerTokens(string prompt) => MaxAnswerTokens(prompt);

    public override string Format(string a, string b) => $"{Digits.Reverse(a)}+{Digits.Reverse(b)}=";

    protected override string Answer(BigInteger sum, int longest) => Digits.Reverse(sum.ToString()).PadRight(longest + 1, '0');

    protected override (string A, string B) Operands(string prompt)
    {
        var (a, b) = Split(prompt);
        return (Digits.Reverse(a), Digits.Reverse(b));
    }
}
