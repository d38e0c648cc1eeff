using NUnit.Framework;
using Runner.Core.Evaluation;
using Runner.Core.Tasks;
using Runner.Core.Training;
using Runner.Engine.Training;

namespace Runner.Tests.Training;

public class DataMixtureTests
{
    const int Draws = 20000;

    static LabelledSet Set(int round, string tag, params int[] difficulties) =>
        new(round, difficulties.Select(d => (Difficulty)d).ToList(), [new Example(tag + "=", tag)]);

    [Test]
    public void WithoutRoundsEverySampleIsD0()
    {
        var task = StringTask.Copy();
        var mixture = new DataMixture(task, 1, 3, 0.5, new HeldOutPrompts(task, 1, 4), weighRoundsByDifficulties: true);
        var rng = new Random(1);
        for (int i = 0; i < 2000; i++)
        {
            var example = mixture.Sample(rng);
            Assert.That(example.Prompt, Does.Match("^[1-9][0-9]{0,2}=$"));
            Assert.That(example.Answer, Is.EqualTo(task.Solve(example.Prompt)));
        }
    }

    // D0 = lengths 1-4: weight 4; round 1 covers one difficulty, round 2 two: weights 1 and 1
    // under the uniform schedule (the paper's training), 1 and 2 when rounds weigh by their
    // difficulties (accelerated, explicit); round 3 is the newest: drawn with probability 0.3.
    [TestCase(false, 1)]
    [TestCase(true, 2)]
    public void NewestRoundIsDrawnWithItsFractionAndTheRestSplitByWeights(bool byDifficulties, int round2Weight)
    {
        var task = StringTask.Copy();
        var mixture = new DataMixture(task, 1, 4, 0.3, new HeldOutPrompts(task, 1, 4), byDifficulties);
        mixture.Add(Set(1, "55555", 5));
        mixture.Add(Set(2, "666666", 6, 7));
        mixture.Add(Set(3, "88888888", 8));
        var rng = new Random(7);
        var counts = new Dictionary<string, int> { ["d0"] = 0, ["55555"] = 0, ["666666"] = 0, ["88888888"] = 0 };
        for (int i = 0; i < Draws; i++)
        {
            var answer = mixture.Sample(rng).Answer;
            counts[answer.Length <= 4 ? "d0" : answer]++;
        }

        double older = 4 + 1 + round2Weight;
        Assert.That(counts["88888888"] / (double)Draws, Is.EqualTo(0.3).Within(0.015));
        Assert.That(counts["d0"] / (double)Draws, Is.EqualTo(0.7 * 4 / older).Within(0.015));
        Assert.That(counts["55555"] / (double)Draws, Is.EqualTo(0.7 * 1 / older).Within(0.015));
        Assert.That(counts["666666"] / (double)Draws, Is.EqualTo(0.7 * round2Weight / older).Within(0.015));
    }

    // D0's weight is the number of first-operand lengths it spans, as the paper's sampling code
    // computes it (len(range(*n_digits_a_train[0]))): the maze_hops mazes all have 30 nodes.
    [TestCase("reverse_addition", 1, 16, 16)]
    [TestCase("copy", 1, 10, 10)]
    [TestCase("forward_addition", 1, 10, 10)]
    [TestCase("multiplication", 1, 5, 5)]
    [TestCase("maze_hops", 1, 9, 1)]
    [TestCase("maze_nodes", 10, 30, 21)]
    public void D0WeighsTheLengthsOfItsFirstOperand(string kind, int min, int max, int weight) =>
        Assert.That(TaskCatalog.Create(kind).D0Weight(min, max), Is.EqualTo(weight));

    // Multiplication, D0 = 1-5 x 1-5 (25 pairs, weight 5); round 1 labelled two pairs, round 2
    // is the newest. Even when rounds weigh by their difficulties, a multiplication round weighs
    // 1, as in the paper's accelerated run: D0 takes 5/6 of the older half, round 1 1/6.
    [Test]
    public void MultiplicationD0WeighsFiveAndItsOlderRoundsOne()
    {
        var task = new Multiplication();
        var mixture = new DataMixture(task, 1, 5, 0.5, new HeldOutPrompts(task, 1, 4), weighRoundsByDifficulties: true);
        mixture.Add(new LabelledSet(1, [Difficulty.Pair(1, 6), Difficulty.Pair(6, 1)], [new Example("round1=", "1")]));
        mixture.Add(new LabelledSet(2, [Difficulty.Pair(2, 6), Difficulty.Pair(6, 2)], [new Example("round2=", "2")]));
        var rng = new Random(11);
        int d0 = 0, round1 = 0;
        for (int i = 0; i < Draws; i++)
        {
            var prompt = mixture.Sample(rng).Prompt;
            if (prompt == "round1=") round1++;
            else if (prompt != "round2=") d0++;
        }

        Assert.That(d0 / (double)Draws, Is.EqualTo(0.5 * 5 / 6).Within(0.015));
        Assert.That(round1 / (double)Draws, Is.EqualTo(0.5 * 1 / 6).Within(0.015));
    }

    [Test]
    public void WithOneRoundTheRestIsAllD0()
    {
        var task = StringTask.Copy();
        var mixture = new DataMixture(task, 1, 3, 0.5, new HeldOutPrompts(task, 1, 4), weighRoundsByDifficulties: true);
        mixture.Add(Set(1, "4444", 4));
        var rng = new Random(3);
        int newest = 0;
        for (int i = 0; i < Draws; i++)
        {
            var answer = mixture.Sample(rng).Answer;
            if (answer == "4444") newest++;
            else Assert.That(answer.Length, Is.InRange(1, 3));
        }
        Assert.That(newest / (double)Draws, Is.EqualTo(0.5).Within(0.015));
    }

    [Test]
    public void EmptyRoundAddsNothing()
    {
        var task = StringTask.Copy();
        var mixture = new DataMixture(task, 1, 3, 0.5, new HeldOutPrompts(task, 1, 4), weighRoundsByDifficulties: true);
        mixture.Add(new LabelledSet(1, [4], []));

        Assert.That(mixture.Rounds, Is.Empty);
        var rng = new Random(2);
        for (int i = 0; i < 500; i++) Assert.That(mixture.Sample(rng).Answer.Length, Is.InRange(1, 3));
    }

    [Test]
    public void NeverReturnsAHeldOutPrompt()
    {
        // Copy of length 1 has 9 prompts; 4 are held out, so D0 must draw only the other 5.
        var task = StringTask.Copy();
        var heldOut = new HeldOutPrompts(task, 5, 100);
        var held = heldOut.For(1);
        var mixture = new DataMixture(task, 1, 1, 0.5, heldOut, weighRoundsByDifficulties: true);
        var rng = new Random(5);
        var seen = new HashSet<string>();
        for (int i = 0; i < 2000; i++) seen.Add(mixture.Sample(rng).Prompt);

        Assert.That(held, Has.Count.EqualTo(4));
        Assert.That(seen, Has.Count.EqualTo(5));
        Assert.That(seen.Intersect(held), Is.Empty);
    }
}
