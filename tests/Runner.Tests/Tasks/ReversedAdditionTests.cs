using NUnit.Framework;
using Runner.Core.Tasks;

namespace Runner.Tests.Tasks;

public class ReversedAdditionTests
{
    readonly ReversedAddition task = new();

    [Test]
    public void WorkedExampleFromMethod()
    {
        var prompt = new ReversedAddition().Format("1234", "987");

        Assert.That(prompt, Is.EqualTo("4321+789="));
        Assert.That(task.Solve(prompt), Is.EqualTo("12220"));
        Assert.That(task.MaxAnswerTokens(prompt), Is.EqualTo(5));
    }

    [TestCase("5", "5", "5+5=", "01")]
    [TestCase("99", "1", "99+1=", "001")]
    [TestCase("1", "999", "1+999=", "0001")]
    [TestCase("10", "10", "01+01=", "020")]
    [TestCase("1", "1", "1+1=", "20")]
    [TestCase("99999999999999999999", "1", "99999999999999999999+1=", "000000000000000000001")]
    public void FormatsAndSolves(string a, string b, string prompt, string answer)
    {
        Assert.That(new ReversedAddition().Format(a, b), Is.EqualTo(prompt));
        Assert.That(task.Solve(prompt), Is.EqualTo(answer));
        Assert.That(task.MaxAnswerTokens(prompt), Is.EqualTo(answer.Length));
    }

    [Test]
    public void SolveMatchesULongArithmetic()
    {
        var rng = new Random(3);
        for (int i = 0; i < 500; i++)
        {
            ulong a = (ulong)rng.NextInt64(1, 1_000_000_000_000_000), b = (ulong)rng.NextInt64(1, 1_000_000_000_000_000);
            string sa = a.ToString(), sb = b.ToString();
            var sum = new string((a + b).ToString().Reverse().ToArray()).PadRight(Math.Max(sa.Length, sb.Length) + 1, '0');
            Assert.That(task.Solve(new ReversedAddition().Format(sa, sb)), Is.EqualTo(sum), $"{sa}+{sb}");
        }
    }

    [Test]
    public void MaxAnswerTokensMatchesSolveForRandomPrompts()
    {
        var rng = new Random(11);
        for (int i = 0; i < 500; i++)
        {
            var training = task.SampleTraining(1, 16, rng).Prompt;
            var prompt = task.SamplePrompt(rng.Next(1, 30), rng);
            Assert.That(task.MaxAnswerTokens(training), Is.EqualTo(task.Solve(training).Length), training);
            Assert.That(task.MaxAnswerTokens(prompt), Is.EqualTo(task.Solve(prompt).Length), prompt);
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(7)]
    [TestCase(16)]
    public void SamplePromptHasDDigitsPerOperandAndNoLeadingZero(int d)
    {
        var rng = new Random(d);
        for (int i = 0; i < 200; i++)
        {
            var prompt = task.SamplePrompt(d, rng);
            Assert.That(prompt, Does.Match($"^[0-9]{{{d}}}\\+[0-9]{{{d}}}=$"));
            // Operands are written reversed: the most significant digit is the last one of each.
            var parts = prompt.TrimEnd('=').Split('+');
            Assert.That(parts[0][^1], Is.Not.EqualTo('0'), prompt);
            Assert.That(parts[1][^1], Is.Not.EqualTo('0'), prompt);
        }
    }

    [Test]
    public void SampleTrainingDrawsOperandLengthsIndependentlyWithinRange()
    {
        var rng = new Random(5);
        var lengths = new HashSet<int>();
        bool unequal = false;
        for (int i = 0; i < 2000; i++)
        {
            var example = task.SampleTraining(3, 6, rng);
            var parts = example.Prompt.TrimEnd('=').Split('+');
            Assert.That(parts[0].Length, Is.InRange(3, 6));
            Assert.That(parts[1].Length, Is.InRange(3, 6));
            Assert.That(parts[0][^1], Is.Not.EqualTo('0'));
            Assert.That(parts[1][^1], Is.Not.EqualTo('0'));
            var sum = System.Numerics.BigInteger.Parse(new string(parts[0].Reverse().ToArray())) + System.Numerics.BigInteger.Parse(new string(parts[1].Reverse().ToArray()));
            Assert.That(example.Answer, Is.EqualTo(new string(sum.ToString().Reverse().ToArray()).PadRight(Math.Max(parts[0].Length, parts[1].Length) + 1, '0')));
            lengths.Add(parts[0].Length);
            lengths.Add(parts[1].Length);
            unequal |= parts[0].Length != parts[1].Length;
        }
        Assert.That(lengths, Is.EquivalentTo(new[] { 3, 4, 5, 6 }));
        Assert.That(unequal, Is.True);
    }

    [Test]
    public void SameSeedGivesSameSamples()
    {
        Random r1 = new(99), r2 = new(99);
        for (int i = 0; i < 100; i++)
        {
            Assert.That(task.SampleTraining(1, 16, r2), Is.EqualTo(task.SampleTraining(1, 16, r1)));
            Assert.That(task.SamplePrompt(8, r2), Is.EqualTo(task.SamplePrompt(8, r1)));
        }
        Assert.That(task.SamplePrompt(8, new Random(1)), Is.Not.EqualTo(task.SamplePrompt(8, new Random(2))));
    }

    [Test]
    public void PromptCountIsPairsOfNDigitNumbers()
    {
        Assert.That(task.PromptCount(1), Is.EqualTo(81));
        Assert.That(task.PromptCount(2), Is.EqualTo(8100));
    }
}
