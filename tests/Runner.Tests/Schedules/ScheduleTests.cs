using NUnit.Framework;
using Runner.Core.Schedules;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Tests.Schedules;

public class ScheduleTests
{
    /// <summary>A model whose accuracy at each difficulty is known in advance; records what was asked.</summary>
    sealed class StubProbe(Dictionary<Difficulty, double> accuracy) : IAccuracyProbe
    {
        public List<Difficulty> Asked { get; } = [];

        public double Accuracy(Difficulty difficulty)
        {
            Asked.Add(difficulty);
            return accuracy.GetValueOrDefault(difficulty);
        }
    }

    static readonly StubProbe NoProbe = new([]);

    static HashSet<Difficulty> Trained(int min, int max) => Enumerable.Range(min, max - min + 1).Select(n => (Difficulty)n).ToHashSet();

    static AcceleratedSchedule Accelerated(ITask task, int d0Max, int? maxSteps = null) =>
        new(new Curriculum(task, d0Max), 0.99, maxSteps);

    [Test]
    public void UniformTakesOneStepPastTheLargestTrained()
    {
        var uniform = new UniformSchedule(new Curriculum(StringTask.Copy(), 10));

        Assert.That(uniform.Next(1, Trained(1, 10), NoProbe), Is.EqualTo(new Difficulty[] { 11 }));
        Assert.That(uniform.Next(4, Trained(1, 13), NoProbe), Is.EqualTo(new Difficulty[] { 14 }));
        Assert.That(NoProbe.Asked, Is.Empty, "the uniform schedule never measures");
    }

    [Test]
    public void UniformWalksThePairOrderAndTheMazeNodeSteps()
    {
        var pairs = new UniformSchedule(new Curriculum(new Multiplication(), 5));
        var trained = new Multiplication().Levels(1, 5).ToHashSet();
        Assert.That(Difficulty.Join(pairs.Next(1, trained, NoProbe)!), Is.EqualTo("1x6,6x1"));
        trained.UnionWith([Difficulty.Pair(1, 6), Difficulty.Pair(6, 1), Difficulty.Pair(2, 6), Difficulty.Pair(6, 2)]);
        Assert.That(Difficulty.Join(pairs.Next(3, trained, NoProbe)!), Is.EqualTo("3x6,6x3"));

        // Three consecutive node counts a round, each labelled, as the paper's script does (31,9 32,9 33,9 in round 1).
        var nodes = new UniformSchedule(new Curriculum(MazeTask.NodeCount(), 30));
        Assert.That(nodes.Next(1, Trained(10, 30), NoProbe), Is.EqualTo(new Difficulty[] { 31, 32, 33 }));
        Assert.That(nodes.Next(2, Trained(10, 33), NoProbe), Is.EqualTo(new Difficulty[] { 34, 35, 36 }));
        Assert.That(nodes.Next(23, Trained(10, 96), NoProbe), Is.EqualTo(new Difficulty[] { 97, 98, 99 }));
        Assert.That(nodes.Next(24, Trained(10, 99), NoProbe), Is.Null, "99 nodes uses every label");
        Assert.That(new Curriculum(MazeTask.NodeCount(), 31).StepsAfter(Trained(10, 31)).Last(), Is.EqualTo(new Difficulty[] { 98, 99 }),
            "a last step past 99 keeps the counts a maze can have");

        var hops = new UniformSchedule(new Curriculum(MazeTask.Hops(), 28));
        Assert.That(hops.Next(1, Trained(1, 28), NoProbe), Is.EqualTo(new Difficulty[] { 29 }));
        Assert.That(hops.Next(2, Trained(1, 29), NoProbe), Is.Null, "29 hops is the most a 30-node maze has");
    }

    [Test]
    public void AcceleratedExtendsWhileAccuracyHoldsAndLabelsWhatPassed()
    {
        var probe = new StubProbe(new() { [11] = 1.0, [12] = 0.995, [13] = 0.99, [14] = 0.97, [15] = 1.0 });

        var next = Accelerated(StringTask.Copy(), 10).Next(1, Trained(1, 10), probe);

        Assert.That(next, Is.EqualTo(new Difficulty[] { 11, 12, 13 }), "0.99 passes; 14 fails and ends the extension");
        Assert.That(probe.Asked, Is.EqualTo(new Difficulty[] { 11, 12, 13, 14 }), "15 is never measured");
    }

    [Test]
    public void AcceleratedAlwaysLabelsTheFirstUntrainedStep()
    {
        var probe = new StubProbe(new() { [11] = 0.3, [12] = 1.0 });

        Assert.That(Accelerated(StringTask.Copy(), 10).Next(1, Trained(1, 10), probe), Is.EqualTo(new Difficulty[] { 11 }));
        Assert.That(probe.Asked, Is.EqualTo(new Difficulty[] { 11 }));
    }

    [Test]
    public void AcceleratedStopsAtMaxSteps()
    {
        var probe = new StubProbe(new() { [11] = 1, [12] = 1, [13] = 1, [14] = 1 });

        Assert.That(Accelerated(StringTask.Copy(), 10, maxSteps: 2).Next(1, Trained(1, 10), probe), Is.EqualTo(new Difficulty[] { 11, 12 }));
    }

    [Test]
    public void AcceleratedPassesAPairStepOnlyWhenBothPairsPass()
    {
        var task = new Multiplication();
        var probe = new StubProbe(new()
        {
            [Difficulty.Pair(1, 6)] = 1, [Difficulty.Pair(6, 1)] = 1,
            [Difficulty.Pair(2, 6)] = 1, [Difficulty.Pair(6, 2)] = 0.5,
            [Difficulty.Pair(3, 6)] = 1, [Difficulty.Pair(6, 3)] = 1,
        });

        var next = Accelerated(task, 5).Next(1, task.Levels(1, 5).ToHashSet(), probe);

        Assert.That(Difficulty.Join(next!), Is.EqualTo("1x6,6x1"));
        Assert.That(Difficulty.Join(probe.Asked), Is.EqualTo("1x6,6x1,2x6,6x2"), "both pairs of a step are measured");
    }

    [Test]
    public void ExplicitLabelsTheSpecsListRoundByRound()
    {
        var schedule = SpecKinds.Builtin.Schedule("explicit").Create(new ScheduleSpec { Kind = "explicit", Difficulties = ["11", "13,14", "12"] }, StringTask.Copy(), 10);

        Assert.That(schedule.Next(1, Trained(1, 10), NoProbe), Is.EqualTo(new Difficulty[] { 11 }));
        Assert.That(schedule.Next(2, Trained(1, 11), NoProbe), Is.EqualTo(new Difficulty[] { 13, 14 }));
        Assert.That(schedule.Next(3, Trained(1, 14), NoProbe), Is.EqualTo(new Difficulty[] { 12 }), "whatever was trained");
        Assert.That(schedule.Next(4, Trained(1, 14), NoProbe), Is.Null);
    }
}
