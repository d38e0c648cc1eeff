using NUnit.Framework;
using Runner.Core.Evaluation;
using Runner.Core.Labelling;
using Runner.Core.Model;
using Runner.Core.Tasks;
using Runner.Engine.Evaluation;
using Runner.Engine.Labelling;
using Runner.Tests.Model;
using static TorchSharp.torch;

namespace Runner.Tests.Evaluation;

public class FrontierTests
{
    static List<DifficultyAccuracy> Results(int first, params (int Examples, int Correct)[] cells) =>
        cells.Select((c, i) => new DifficultyAccuracy(first + i, c.Examples, c.Correct)).ToList();

    [Test]
    public void FirstUnsolvedGivesOneBelowIt()
    {
        Assert.That(Frontiers.Of(Results(5, (100, 50), (100, 100)), 0.99), Is.EqualTo(4));
    }

    [Test]
    public void GapInTheMiddleStopsTheFrontier()
    {
        Assert.That(Frontiers.Of(Results(5, (100, 100), (100, 99), (100, 98), (100, 100)), 0.99), Is.EqualTo(6));
    }

    [Test]
    public void AllSolvedGivesTheLargest()
    {
        Assert.That(Frontiers.Of(Results(3, (10, 10), (10, 10), (10, 10)), 0.99), Is.EqualTo(5));
    }

    [Test]
    public void NaNAccuracyIsNotSolved()
    {
        var results = Results(5, (100, 100), (0, 0), (100, 100));

        Assert.That(results[1].Accuracy, Is.NaN);
        Assert.That(Frontiers.Of(results, 0.99), Is.EqualTo(5));
    }

    [Test]
    public void OrdersByDifficultyFirst()
    {
        var results = new[] { new DifficultyAccuracy(7, 10, 10), new DifficultyAccuracy(5, 10, 10), new DifficultyAccuracy(6, 10, 3) };
        Assert.That(Frontiers.Of(results, 0.99), Is.EqualTo(5));
    }

    [Test]
    public void ThresholdIsInclusive()
    {
        Assert.That(Frontiers.Of(Results(1, (100, 99), (100, 98)), 0.99), Is.EqualTo(1));
        Assert.That(Frontiers.Of(Results(1, (100, 99), (100, 98)), 0.98), Is.EqualTo(2));
    }
}

public class HeldOutPromptsTests
{
    [Test]
    public void SameSeedGivesSamePromptsWhateverTheOrderOfRequests()
    {
        var task = new ReversedAddition();
        var a = new HeldOutPrompts(task, 41, 30);
        var b = new HeldOutPrompts(task, 41, 30);
        var a3 = a.For(3); var a5 = a.For(5); var a4 = a.For(4);
        var b5 = b.For(5); var b4 = b.For(4); var b3 = b.For(3);

        Assert.That(b3, Is.EqualTo(a3));
        Assert.That(b4, Is.EqualTo(a4));
        Assert.That(b5, Is.EqualTo(a5));
        Assert.That(a.For(3), Is.SameAs(a3), "asked again, the same set");
        Assert.That(new HeldOutPrompts(task, 42, 30).For(3), Is.Not.EqualTo(a3));
    }

    [Test]
    public void HoldsOutAtMostHalfOfASmallDifficulty()
    {
        var copy = new HeldOutPrompts(StringTask.Copy(), 1, 1024);
        Assert.That(copy.For(1), Has.Count.EqualTo(4));
        Assert.That(copy.For(2), Has.Count.EqualTo(45));
        Assert.That(copy.For(3), Has.Count.EqualTo(450));
        Assert.That(copy.For(4), Has.Count.EqualTo(1024));
        Assert.That(new HeldOutPrompts(new ReversedAddition(), 1, 1024).For(1), Has.Count.EqualTo(40));
    }

    [Test]
    public void PromptsAreDistinctAndOfTheirDifficulty()
    {
        var task = new ReversedAddition();
        var heldOut = new HeldOutPrompts(task, 7, 500);
        foreach (var d in new[] { 1, 2, 6 })
        {
            var prompts = heldOut.For(d);
            Assert.That(prompts, Is.Unique);
            Assert.That(prompts, Is.All.Match($"^[0-9]{{{d}}}\\+[0-9]{{{d}}}=$"));
        }
        Assert.That(heldOut.For(2), Has.Count.EqualTo(500));
    }

    [Test]
    public void ContainsOnlyPromptsOfRequestedDifficulties()
    {
        var task = StringTask.Copy();
        var heldOut = new HeldOutPrompts(task, 3, 100);
        var all = Enumerable.Range(1, 9).Select(i => $"{i}=").ToList();

        Assert.That(all.Count(heldOut.Contains), Is.Zero, "nothing held out before it is asked for");
        var held = heldOut.For(1);
        Assert.That(all.Where(heldOut.Contains), Is.EquivalentTo(held));
    }
}

public class EvaluatorTests
{
    [Test]
    public void CountsExactMatchesOnTheHeldOutPrompts()
    {
        // A model that always writes EOS at once answers "" and is never right.
        var task = StringTask.Copy();
        var tokenizer = new Tokenizer(task.Vocabulary);
        using var model = TinyModels.AlwaysPredicts(tokenizer.VocabularySize, Tokenizer.Eos);
        var heldOut = new HeldOutPrompts(task, 1, 6);
        var evaluator = new Evaluator(task, new GreedyDecoder(model, tokenizer, CPU), heldOut, 4);

        var results = evaluator.Evaluate([1, 2]);

        Assert.That(results, Is.EqualTo(new[] { new DifficultyAccuracy(1, 4, 0), new DifficultyAccuracy(2, 6, 0) }));
    }

    [Test]
    public void PairFrontierIsTheLargestSizeWithEveryPairSolved()
    {
        static DifficultyAccuracy Pair(int a, int b, int correct) => new(Difficulty.Pair(a, b), 100, correct);
        var grid = new[]
        {
            Pair(1, 1, 100), Pair(1, 2, 100), Pair(2, 1, 100), Pair(2, 2, 99),
            Pair(1, 3, 100), Pair(3, 1, 100), Pair(2, 3, 100), Pair(3, 2, 98), Pair(3, 3, 100),
            Pair(1, 4, 100), Pair(4, 1, 100),
        };

        Assert.That(Frontiers.Of(grid, 0.99), Is.EqualTo(2), "3x2 at 98% leaves size 3 unsolved");
        Assert.That(Frontiers.Of(grid, 0.98), Is.EqualTo(4), "size 4 has only its evaluated pairs");
        Assert.That(Frontiers.Of([Pair(1, 1, 50), Pair(1, 2, 100)], 0.99), Is.EqualTo(0));
    }

    [Test]
    public void MazeEvaluationAlsoChecksFormatEdgesAndEndpoints()
    {
        ITask maze = MazeTask.Hops();
        var prompt = maze.SamplePrompt(3, new Random(2));
        var path = maze.Solve(prompt);

        Assert.That(maze.Checks(prompt, path), Is.EqualTo(new[] { ("format_correct", true), ("every_move_an_edge", true), ("right_endpoints", true) }));
        Assert.That(maze.Checks(prompt, "").Select(c => c.Passed), Is.All.False, "an output that never ended is checked as empty");
        Assert.That(((ITask)StringTask.Copy()).Checks("12=", "12"), Is.Empty);
    }
}
