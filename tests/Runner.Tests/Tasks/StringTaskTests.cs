using NUnit.Framework;
using Runner.Core.Tasks;

namespace Runner.Tests.Tasks;

public class StringTaskTests
{
    [Test]
    public void WorkedExamplesFromMethod()
    {
        Assert.That(StringTask.Copy().Solve("90210="), Is.EqualTo("90210"));
        Assert.That(StringTask.Reversal().Solve("90210="), Is.EqualTo("01209"));
        Assert.That(StringTask.Copy().MaxAnswerTokens("90210="), Is.EqualTo(5));
        Assert.That(StringTask.Reversal().MaxAnswerTokens("90210="), Is.EqualTo(5));
    }

    [Test]
    public void KindsAndVocabularies()
    {
        Assert.That(StringTask.Copy().Kind, Is.EqualTo("copy"));
        Assert.That(StringTask.Reversal().Kind, Is.EqualTo("reverse"));
        Assert.That(StringTask.Copy().Vocabulary, Is.EqualTo(new[] { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "=" }));
    }

    static IEnumerable<ITask> Tasks() => [StringTask.Copy(), StringTask.Reversal()];

    [TestCaseSource(nameof(Tasks))]
    public void MaxAnswerTokensMatchesSolveForRandomPrompts(ITask task)
    {
        var rng = new Random(17);
        for (int i = 0; i < 500; i++)
        {
            var training = task.SampleTraining(1, 10, rng).Prompt;
            var prompt = task.SamplePrompt(rng.Next(1, 40), rng);
            Assert.That(task.MaxAnswerTokens(training), Is.EqualTo(task.Solve(training).Length), training);
            Assert.That(task.MaxAnswerTokens(prompt), Is.EqualTo(task.Solve(prompt).Length), prompt);
        }
    }

    [TestCaseSource(nameof(Tasks))]
    public void SamplePromptHasDDigitsAndNoLeadingZero(ITask task)
    {
        var rng = new Random(2);
        foreach (var d in new[] { 1, 2, 5, 12 })
            for (int i = 0; i < 100; i++)
                Assert.That(task.SamplePrompt(d, rng), Does.Match($"^[1-9][0-9]{{{d - 1}}}=$"));
    }

    [TestCaseSource(nameof(Tasks))]
    public void SampleTrainingLengthsStayInRangeAndCoverIt(ITask task)
    {
        var rng = new Random(8);
        var lengths = new HashSet<int>();
        for (int i = 0; i < 1000; i++)
        {
            var example = task.SampleTraining(2, 5, rng);
            Assert.That(example.Prompt, Does.Match("^[1-9][0-9]*=$"));
            var digits = example.Prompt.TrimEnd('=');
            Assert.That(example.Answer, Is.EqualTo(task.Kind == "copy" ? digits : new string(digits.Reverse().ToArray())));
            lengths.Add(example.Answer.Length);
        }
        Assert.That(lengths, Is.EquivalentTo(new[] { 2, 3, 4, 5 }));
    }

    [TestCaseSource(nameof(Tasks))]
    public void SameSeedGivesSameSamples(ITask task)
    {
        Random r1 = new(4), r2 = new(4);
        for (int i = 0; i < 100; i++)
            Assert.That(task.SampleTraining(1, 10, r2), Is.EqualTo(task.SampleTraining(1, 10, r1)));
    }

    [Test]
    public void PromptCountIsNDigitStrings()
    {
        Assert.That(StringTask.Copy().PromptCount(1), Is.EqualTo(9));
        Assert.That(StringTask.Reversal().PromptCount(3), Is.EqualTo(900));
    }

    [Test]
    public void CatalogCreatesEveryKindAndRejectsUnknown()
    {
        foreach (var kind in TaskCatalog.Kinds) Assert.That(TaskCatalog.Create(kind).Kind, Is.EqualTo(kind));
        var error = Assert.Throws<ArgumentException>(() => TaskCatalog.Create("maze"));
        Assert.That(error!.Message, Is.EqualTo("unknown task kind 'maze' (expected one of: reverse_addition, copy, reverse, forward_addition, multiplication, maze_hops, maze_nodes)"));
    }
}
