using System.Numerics;

namespace Runner.Core.Tasks;

/// <summary>
/// Forward addition (the paper's tasks): operands and sum in natural order, no padding.
/// `1234+987=` -> `2221`. A carry out of the top digit adds one, so a correct answer has
/// max(len) or max(len)+1 digits (the paper filtered this task by batch, k = 2).
/// </summary>
public sealed class ForwardAddition : Addition
{
    public override string Kind => "forward_addition";

    public override int MinAnswerTokens(string prompt) => MaxAnswerTokens(prompt) - 1;

    public override string Format(string a, string b) => $"{a}+{b}=";

    protected override string Answer(BigInteger sum, int longest) => sum.ToString();

    protected override (string A, string B) Operands(string prompt) => Split(prompt);
}
