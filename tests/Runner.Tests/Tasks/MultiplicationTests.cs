using NUnit.Framework;
using Runner.Core.Tasks;

namespace Runner.Tests.Tasks;

public class MultiplicationTests
{
    static readonly Multiplication Task = new();

    [TestCase("1234", "567", "4321*765=", "83680+040470(876280)+0007160=8769960")]
    [TestCase("12", "345", "21*543=", "060+0840(0450)+00630=04140")]
    [TestCase("7", "8", "7*8=", "65=65")]
    [TestCase("99", "99", "99*99=", "198+0198=1089")]
    public void WorkedExamplesOfMethodMd(string a, string b, string prompt, string answer)
    {
        Assert.That(Multiplication.Format(a, b), Is.EqualTo(prompt));
        Assert.That(Task.Solve(prompt), Is.EqualTo(answer));
        Assert.That(Task.MaxAnswerTokens(prompt), Is.EqualTo(answer.Length), "the operand lengths fix the scratchpad's length");
    }

    [Test]
    public void EveryAnswerHasTheLengthItsOperandsFix()
    {
        var rng = new Random(5);
        foreach (var (n, m) in new[] { (1, 1), (1, 6), (6, 1), (5, 5), (3, 7), (9, 9) })
            for (int i = 0; i < 50; i++)
            {
                var prompt = Task.SamplePrompt(Difficulty.Pair(n, m), rng);
                var parts = prompt.TrimEnd('=').Split('*');
                Assert.That((parts[0].Length, parts[1].Length), Is.EqualTo((n, m)), prompt);
                Assert.That(parts[0][^1], Is.Not.EqualTo('0'), "the most significant digit (written last) is never 0");
                Assert.That(Task.Solve(prompt), Has.Length.EqualTo(Task.MaxAnswerTokens(prompt)), prompt);
                var product = Task.Solve(prompt).Split('=')[1];
                Assert.That(long.Parse(Digits.Reverse(product)), Is.EqualTo(long.Parse(Digits.Reverse(parts[0])) * long.Parse(Digits.Reverse(parts[1]))));
            }
    }

    [Test]
    public void CurriculumFollowsThePapersPairOrder()
    {
        var steps = Task.Curriculum(5).Take(13).Select(Difficulty.Join).ToList();

        Assert.That(steps, Is.EqualTo(new[]
        {
            "1x6,6x1", "2x6,6x2", "3x6,6x3", "4x6,6x4", "5x6,6x5", "6x6",
            "1x7,7x1", "2x7,7x2", "3x7,7x3", "4x7,7x4", "5x7,7x5", "6x7,7x6", "7x7",
        }));
        // 5x5 to 10x10: 6 + 7 + 8 + 9 + 10 steps.
        Assert.That(Task.Curriculum(5).TakeWhile(s => s[0] != Difficulty.Pair(10, 10)).Count() + 1, Is.EqualTo(40));
    }

    [Test]
    public void LevelsAreEveryPairOfTheRange()
    {
        Assert.That(Task.Levels(1, 2), Is.EqualTo(new[] { Difficulty.Pair(1, 1), Difficulty.Pair(1, 2), Difficulty.Pair(2, 1), Difficulty.Pair(2, 2) }));
        Assert.That(Task.Levels(1, 5), Has.Count.EqualTo(25));
    }

    [Test]
    public void TrainingDrawsBothLengthsIndependentlyAcrossTheRange()
    {
        var rng = new Random(2);
        var seen = new HashSet<(int, int)>();
        for (int i = 0; i < 2000; i++)
        {
            var example = Task.SampleTraining(1, 3, rng);
            var parts = example.Prompt.TrimEnd('=').Split('*');
            seen.Add((parts[0].Length, parts[1].Length));
            long a = long.Parse(new string(parts[0].Reverse().ToArray())), b = long.Parse(new string(parts[1].Reverse().ToArray()));
            var product = new string((a * b).ToString().Reverse().ToArray()).PadRight(parts[0].Length + parts[1].Length, '0');
            Assert.That(example.Answer.Split('=')[^1], Is.EqualTo(product), example.Answer);
        }
        Assert.That(seen, Has.Count.EqualTo(9));
    }

    [Test]
    public void OneNumberDifficultiesAreRefused() =>
        Assert.Throws<ArgumentException>(() => Task.SamplePrompt(5, new Random(1)));

    [Test]
    public void TokensAreOneCharacterEach() =>
        Assert.That(Task.Vocabulary, Is.EqualTo("0123456789*+()=".Select(c => c.ToString())));
}
