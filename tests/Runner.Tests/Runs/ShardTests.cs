using NUnit.Framework;
using Runner.Core.Plans;
using Runner.Core.Specs;
using Runner.Engine.Runs;

namespace Runner.Tests.Runs;

public class ShardTests
{
    // Arms with seeds of their own: seed 5 only in arm b, seed 3 in both.
    static readonly IReadOnlyList<RunPlan> Plans = RunPlan.For(SpecLoader.Parse("""
        name: grid
        task: {kind: copy}
        seeds: [3, 1, 4]
        arms:
          - name: a
          - name: b
            seeds: [5, 3]
          - name: vote
            self_improve: {filters: [{kind: majority, models: 3}]}
        """, "grid.yaml"));

    static Shard Parse(string text, Dictionary<string, string>? environment = null) =>
        Shard.Parse(text, name => environment?.GetValueOrDefault(name));

    [Test]
    public void SeedsAreDealtRoundRobinInTheOrderTheRunsListThem_EveryArmOfASeedTogether()
    {
        string Cells(string shard) => string.Join(" ", Parse(shard).Select(Plans).Select(p => $"{p.ArmName}/{p.Seed}"));

        Assert.That(Shard.Seeds(Plans), Is.EqualTo(new[] { 3, 1, 4, 5 }));
        Assert.That(Cells("1/2"), Is.EqualTo("a/3 a/4 b/3 vote/3 vote/4"));
        Assert.That(Cells("2/2"), Is.EqualTo("a/1 b/5 vote/1"));
        Assert.That(Cells("4/4"), Is.EqualTo("b/5"));
        Assert.That(Cells("5/6"), Is.Empty, "shards past the number of seeds are empty");
    }

    [Test]
    public void EveryRunLandsInExactlyOneShard_ForAnyNumberOfShards()
    {
        var all = Plans.Select(p => $"{p.ArmName}/{p.Seed}").ToList();
        for (int count = 1; count <= 9; count++)
        {
            var dealt = Enumerable.Range(1, count).SelectMany(i => new Shard(i, count).Select(Plans)).Select(p => $"{p.ArmName}/{p.Seed}").ToList();
            Assert.That(dealt, Is.EquivalentTo(all), $"{count} shards");
            foreach (var seed in Shard.Seeds(Plans))
                Assert.That(Enumerable.Range(1, count).Count(i => new Shard(i, count).Select(Plans).Any(p => p.Seed == seed)), Is.EqualTo(1),
                    $"seed {seed}'s arms share its round 0, so they stay in one of {count} shards");
        }
    }

    [Test]
    public void AShardKeepsTheRunsInTheirOrder_SoTheFirstArmTrainsTheBaseTheOthersShare()
    {
        var shard = new Shard(1, 2).Select(Plans);
        Assert.That(shard, Is.EqualTo(Plans.Where(p => p.Seed is 3 or 4).ToList()));
    }

    [TestCase("1/1", 1, 1)]
    [TestCase("2/3", 2, 3)]
    [TestCase("3/3", 3, 3)]
    public void IndexOverCountCountsFromOne(string text, int index, int count) =>
        Assert.That(Parse(text), Is.EqualTo(new Shard(index, count)));

    [TestCase("0/3", "--shard 0/3: the shard must be 1 to 3")]
    [TestCase("4/3", "--shard 4/3: the shard must be 1 to 3")]
    [TestCase("1/0", "--shard must be I/N (e.g. 2/3, shards counted from 1) or auto (got '1/0')")]
    [TestCase("2", "--shard must be I/N (e.g. 2/3, shards counted from 1) or auto (got '2')")]
    [TestCase("-1/3", "--shard must be I/N (e.g. 2/3, shards counted from 1) or auto (got '-1/3')")]
    [TestCase("a/b", "--shard must be I/N (e.g. 2/3, shards counted from 1) or auto (got 'a/b')")]
    public void AMalformedShardSaysWhatItShouldBe(string text, string message) =>
        Assert.That(() => Parse(text), Throws.TypeOf<FormatException>().With.Message.EqualTo(message));

    [Test]
    public void AutoReadsAGitHubMatrixsVariable_ThenSlurm_ThenKubernetes()
    {
        Assert.That(Parse("auto", new() { ["RUNNER_SHARD"] = "2/4", ["SLURM_ARRAY_TASK_ID"] = "0" }), Is.EqualTo(new Shard(2, 4)));
        // Slurm: task id + 1 of RUNNER_SHARD_COUNT (sbatch --array=0-2 with RUNNER_SHARD_COUNT=3).
        Assert.That(Parse("auto", new() { ["SLURM_ARRAY_TASK_ID"] = "0", ["RUNNER_SHARD_COUNT"] = "3", ["SLURM_ARRAY_TASK_COUNT"] = "3" }),
            Is.EqualTo(new Shard(1, 3)));
        // A Kubernetes indexed Job counts from 0.
        Assert.That(Parse("auto", new() { ["JOB_COMPLETION_INDEX"] = "0", ["RUNNER_SHARD_COUNT"] = "5" }), Is.EqualTo(new Shard(1, 5)));
    }

    [Test]
    public void AResubmittedSlurmTaskKeepsItsShard_HoweverTheArrayWasSubmitted()
    {
        // The first submission (--array=0-2) and resubmitting its failed task alone (--array=2, a 1-task array):
        // Slurm's array size and first id differ, the shard does not.
        var first = Parse("auto", new() { ["SLURM_ARRAY_TASK_ID"] = "2", ["SLURM_ARRAY_TASK_COUNT"] = "3", ["SLURM_ARRAY_TASK_MIN"] = "0", ["RUNNER_SHARD_COUNT"] = "3" });
        var resubmitted = Parse("auto", new() { ["SLURM_ARRAY_TASK_ID"] = "2", ["SLURM_ARRAY_TASK_COUNT"] = "1", ["SLURM_ARRAY_TASK_MIN"] = "2", ["RUNNER_SHARD_COUNT"] = "3" });

        Assert.That(first, Is.EqualTo(new Shard(3, 3)));
        Assert.That(resubmitted, Is.EqualTo(first));
        Assert.That(resubmitted.Select(Plans), Is.EqualTo(new Shard(3, 3).Select(Plans)), "it trains the same seeds, not all of them");
    }

    [Test]
    public void AutoWithoutItsVariablesSaysWhichItReads()
    {
        Assert.That(() => Parse("auto"), Throws.TypeOf<FormatException>().With.Message.StartsWith("--shard auto: none of the variables it reads is set: RUNNER_SHARD"));
        Assert.That(() => Parse("auto", new() { ["JOB_COMPLETION_INDEX"] = "1" }), Throws.TypeOf<FormatException>().With.Message.EqualTo(
            "--shard auto: JOB_COMPLETION_INDEX is set but RUNNER_SHARD_COUNT is not (set it to the Job's completions)"));
        Assert.That(() => Parse("auto", new() { ["SLURM_ARRAY_TASK_ID"] = "1", ["SLURM_ARRAY_TASK_COUNT"] = "3" }), Throws.TypeOf<FormatException>().With.Message.EqualTo(
            "--shard auto: SLURM_ARRAY_TASK_ID is set but RUNNER_SHARD_COUNT is not (set it to the number of shards; task ids are 0 to that number - 1, whichever of them an sbatch --array submits)"));
        Assert.That(() => Parse("auto", new() { ["SLURM_ARRAY_TASK_ID"] = "3", ["RUNNER_SHARD_COUNT"] = "3" }), Throws.TypeOf<FormatException>().With.Message.EqualTo(
            "--shard auto: SLURM_ARRAY_TASK_ID 3 is not below RUNNER_SHARD_COUNT 3 (shards are indexed from 0)"));
        Assert.That(() => Parse("auto", new() { ["JOB_COMPLETION_INDEX"] = "5", ["RUNNER_SHARD_COUNT"] = "5" }), Throws.TypeOf<FormatException>().With.Message.EqualTo(
            "--shard auto: JOB_COMPLETION_INDEX 5 is not below RUNNER_SHARD_COUNT 5 (shards are indexed from 0)"));
        Assert.That(() => Parse("auto", new() { ["RUNNER_SHARD"] = "3/2" }), Throws.TypeOf<FormatException>().With.Message.EqualTo(
            "--shard auto: RUNNER_SHARD 3/2: the shard must be 1 to 2"));
    }
}
