using NUnit.Framework;
using Runner.Core.Tasks;

namespace Runner.Tests.Tasks;

public class ForwardAdditionTests
{
    readonly ForwardAddition task = new();

    [Test]
    public void WorkedExampleFromMethod()
    {
        Assert.That(new ForwardAddition().Format("1234", "987"), Is.EqualTo("1234+987="));
        Assert.That(task.Solve("1234+987="), Is.EqualTo("2221"));
        Assert.That(task.Kind, Is.EqualTo("forward_addition"));
    }

    [TestCase("5+5=", "10")]
    [TestCase("99+1=", "100")]
    [TestCase("1+999=", "1000")]
    [TestCase("10+10=", "20")]
    [TestCase("1+1=", "2")]
    [TestCase("99999999999999999999+1=", "100000000000000000000")]
    public void Solves(string prompt, string answer) => Assert.That(task.Solve(prompt), Is.EqualTo(answer));

    [Test]
    public void AnswerHasMaxLengthOrOneFewer()
    {
        Assert.That(task.PromptTellsAnswerLength, Is.True);
        Assert.That(task.MinAnswerTokens("1234+987="), Is.EqualTo(4));
        // Without a final carry the sum is one digit shorter than the bound; with one it meets it.
        Assert.That(task.MaxAnswerTokens("1234+987="), Is.EqualTo(5));
        Assert.That(task.Solve("1234+987=").Length, Is.EqualTo(4));
        Assert.That(task.Solve("9234+987=").Length, Is.EqualTo(5));

        var rng = new Random(11);
        var lengthsBelowBound = new HashSet<int>();
        for (int i = 0; i < 500; i++)
        {
            var prompt = i % 2 == 0 ? task.SampleTraining(1, 10, rng).Prompt : task.SamplePrompt(rng.Next(1, 30), rng);
            var gap = task.MaxAnswerTokens(prompt) - task.Solve(prompt).Length;
            Assert.That(gap, Is.InRange(0, 1), prompt);
            Assert.That(task.Solve(prompt).Length, Is.GreaterThanOrEqualTo(task.MinAnswerTokens(prompt)), prompt);
            lengthsBelowBound.Add(gap);
        }
        Assert.That(lengthsBelowBound, Is.EquivalentTo(new[] { 0, 1 }));
    }

    [Test]
    public void SolveMatchesULongArithmetic()
    {
        var rng = new Random(3);
        for (int i = 0; i < 500; i++)
        {
            ulong a = (ulong)rng.NextInt64(1, 1_000_000_000_000_000), b = (ulong)rng.NextInt64(1, 1_000_000_000_000_000);
            Assert.That(task.Solve($"{a}+{b}="), Is.EqualTo((a + b).ToString()));
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(9)]
    public void SamplePromptHasTwoDDigitOperandsWithoutLeadingZero(int d)
    {
        var rng = new Random(d);
        for (int i = 0; i < 200; i++)
            Assert.That(task.SamplePrompt(d, rng), Does.Match($"^[1-9][0-9]{{{d - 1}}}\\+[1-9][0-9]{{{d - 1}}}=$"));
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
            Assert.That(example.Prompt, Does.Match("^[1-9][0-9]*\\+[1-9][0-9]*=$"));
            var parts = example.Prompt.TrimEnd('=').Split('+');
            Assert.That(example.Answer, Is.EqualTo((System.Numerics.BigInteger.Parse(parts[0]) + System.Numerics.BigInteger.Parse(parts[1])).ToString()));
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
            Assert.That(task.SampleTraining(1, 10, r2), Is.EqualTo(task.SampleTraining(1, 10, r1)));
    }

    [Test]
    public void PromptCountIsPairsOfNDigitNumbers() => Assert.That(task.PromptCount(2), Is.EqualTo(8100));
}
