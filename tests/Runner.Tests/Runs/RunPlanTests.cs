using NUnit.Framework;
using Runner.Core.Plans;
using Runner.Core.Specs;
using Runner.Engine.Runs;
using Runner.Tests.EndToEnd;

namespace Runner.Tests.Runs;

public class RunPlanTests
{
    [Test]
    public void EveryArmTimesEverySeedInFileOrder()
    {
        var loaded = SpecLoader.Parse("""
            name: grid
            task: {kind: copy}
            seeds: [3, 1]
            arms:
              - name: a
              - name: b
                self_improve: {rounds: 2}
            """, "grid.yaml");

        var plans = RunPlan.For(loaded);

        Assert.That(plans.Select(p => $"{p.ArmName}/{p.Seed}"), Is.EqualTo(new[] { "a/3", "a/1", "b/3", "b/1" }));
        // Defaults: round 0 = 1000 + 7000 + 2000 steps, then 1000 per round.
        Assert.That(plans.Select(p => p.TotalSteps), Is.EqualTo(new[] { 20000, 20000, 12000, 12000 }));
    }

    [Test]
    public void QuickstartArmsTrainTheSameNumberOfSteps()
    {
        var loaded = SpecLoader.Load(Path.Combine(RunnerProcess.RepositoryRoot(), "specs", "quickstart.yaml"));

        var plans = RunPlan.For(loaded);

        Assert.That(plans.Select(p => p.ArmName), Is.EqualTo(new[] { "self-improve", "no-rounds" }));
        Assert.That(plans[0].Spec.SelfImprove.Rounds, Is.GreaterThan(0));
        Assert.That(plans[1].Spec.SelfImprove.Rounds, Is.EqualTo(0));
        Assert.That(plans[1].TotalSteps, Is.EqualTo(plans[0].TotalSteps), "the zero-round arm is the same budget on D0 alone");
    }
}
