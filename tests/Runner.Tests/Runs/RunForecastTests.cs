using NUnit.Framework;
using Runner.Core.Plans;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Engine.Runs;

using Runner.Core.Model;
using Runner.Engine.Model;

namespace Runner.Tests.Runs;

public class RunForecastTests
{
    static RunForecast Forecast(string yaml, int arm = 0) => RunForecast.For(RunPlan.For(SpecLoader.Parse(yaml, "plan.yaml"))[arm]);

    [Test]
    public void MultiplicationWalksThePairOrderUntilTheTarget()
    {
        var forecast = Forecast("""
            name: mult
            task: {kind: multiplication, d0: {min: 1, max: 5}}
            training: {batch: 1024, round0: {warmup: 1000, stable: 7000, decay: 2000}, rounds: {stable: 2000, decay: 1000}}
            self_improve:
              rounds: 100
              labels_per_round: 50000
              labels_per: difficulty
              filters: [{kind: majority, models: 5, threshold: 0.7}, {kind: length, rule: batch, k: 1}]
              stop: {target: 7x7}
            """);

        Assert.That(forecast.Rounds.Skip(1).Select(r => Difficulty.Join(r.Difficulties!)), Is.EqualTo(new[]
        {
            "1x6,6x1", "2x6,6x2", "3x6,6x3", "4x6,6x4", "5x6,6x5", "6x6", "1x7,7x1", "2x7,7x2", "3x7,7x3", "4x7,7x4", "5x7,7x5", "6x7,7x6", "7x7",
        }));
        Assert.That(forecast.StopsAt, Is.EqualTo("round 13 (target 7x7)"));
        Assert.That(forecast.Rounds[1].Labels, Is.EqualTo(100_000), "50000 per digit pair");
        Assert.That(forecast.Rounds[6].Labels, Is.EqualTo(50_000));
        Assert.That(forecast.Models, Is.EqualTo(5));
        Assert.That(forecast.ParametersPerModel, Is.EqualTo(14_174_592), "6 x 384 with the 18-token multiplication vocabulary: 3 tokens more than addition's, x 384 in and out");
        Assert.That(forecast.Steps, Is.EqualTo(10_000 + 13 * 3_000));
        Assert.That(forecast.Examples, Is.EqualTo(5L * 1024 * (10_000 + 13 * 3_000)));
        Assert.That(forecast.Filters, Is.EqualTo("majority(models=5,threshold=0.7,votes>=4) > length(batch,k=1)"));
    }

    [Test]
    public void MazeNodesLabelsThreeNodeCountsARoundFiftyThousandEach()
    {
        var forecast = Forecast("""
            name: nodes
            task: {kind: maze_nodes, d0: {min: 10, max: 30}}
            self_improve: {rounds: 30, labels_per_round: 50000, labels_per: difficulty}
            eval: {from: 10, to: 99, step: 3}
            """);

        Assert.That(forecast.Rounds.Skip(1).Take(3).Select(r => Difficulty.Join(r.Difficulties!)), Is.EqualTo(new[] { "31,32,33", "34,35,36", "37,38,39" }));
        Assert.That(forecast.Rounds.Skip(1).Select(r => r.Labels), Is.All.EqualTo(150_000), "50000 per node count, as the paper's script");
        Assert.That(forecast.StopsAt, Is.EqualTo("round 23 (curriculum_end)"), "97-99 is the last step");
        Assert.That(forecast.Rounds[^1].Difficulties, Is.EqualTo(new Difficulty[] { 97, 98, 99 }));
    }

    [Test]
    public void FloorStepsCountInEveryPhase()
    {
        var forecast = Forecast("""
            name: hops
            task: {kind: maze_hops, d0: {min: 1, max: 9}}
            training:
              round0: {warmup: 2500, stable: 19000, decay: 3500}
              rounds: {warmup: 500, stable: 3000, decay: 1000, floor: 500, peak_lr: 0.0002}
            self_improve: {rounds: 18}
            eval: {from: 1, to: 29}
            """);

        Assert.That(forecast.Rounds[1].Steps, Is.EqualTo(5_000), "500 + 3000 + 1000 + 500 at the floor");
        Assert.That(forecast.Steps, Is.EqualTo(25_000 + 18 * 5_000));
    }

    [Test]
    public void AcceleratedRoundsAreDecidedOnTheDay()
    {
        var forecast = Forecast("""
            name: fast
            task: {kind: copy}
            self_improve: {rounds: 3, schedule: {kind: accelerated, measure: true_labels}}
            """);

        Assert.That(forecast.Rounds.Skip(1).Select(r => r.Difficulties), Is.All.Null);
        Assert.That(forecast.Schedule, Is.EqualTo("accelerated(true_labels>=0.99, 2048 inputs)"));
        Assert.That(forecast.StopsAt, Is.EqualTo("round 3 (max_round)"));

        var targeted = Forecast("""
            name: fast
            task: {kind: copy}
            self_improve: {rounds: 30, schedule: {kind: accelerated}, stop: {target: "25"}}
            """);
        Assert.That(targeted.StopsAt, Is.EqualTo("the round that labels 25 (target), at most round 30 (max_round)"));
    }

    [Test]
    public void ArmsThatDifferOnlyAfterRoundZeroTrainOneBaseModelPerSeed()
    {
        var forecasts = RunForecast.ForAll(RunPlan.For(SpecLoader.Parse("""
            name: ablation
            task: {kind: copy}
            training: {round0: {warmup: 10, stable: 80, decay: 10}, rounds: {stable: 20, decay: 10}}
            self_improve: {rounds: 2, filters: [{kind: length, rule: expected}]}
            seeds: [1, 2]
            arms:
              - name: length
              - name: none
                self_improve: {filters: []}
              - name: vote
                self_improve: {filters: [{kind: majority, models: 3}]}
              - name: longer
                training: {round0: {stable: 90}}
              - name: longer-rounds
                training: {rounds: {stable: 30}, newest_round_fraction: 0.25}
            """, "plan.yaml")));

        Assert.That(forecasts.Select(f => $"{f.Plan.ArmName}/{f.Plan.Seed}: {f.SharedWith?.ArmName ?? "-"}/{f.SharedWith?.Seed} {f.Steps}"),
            Is.EqualTo(new[]
            {
                "length/1: -/ 160", "length/2: -/ 160",
                "none/1: length/1 60", "none/2: length/2 60",
                "vote/1: -/ 160", "vote/2: -/ 160",
                "longer/1: -/ 170", "longer/2: -/ 170",
                "longer-rounds/1: length/1 80", "longer-rounds/2: length/2 80",
            }), "the filter, the later rounds and the seed do not change round 0; three models or a longer round 0 do");
    }

    [Test]
    public void ArmsShareEveryRoundTheirSpecsAgreeOn()
    {
        var forecasts = RunForecast.ForAll(RunPlan.For(SpecLoader.Parse("""
            name: branches
            task: {kind: copy}
            training: {round0: {warmup: 10, stable: 80, decay: 10}, rounds: {stable: 20, decay: 10}}
            self_improve: {rounds: 6}
            seeds: [1, 2]
            arms:
              - name: clean
              - name: noisy
                self_improve: {noise: {round: 4, fraction: 0.5, kind: digits-drop}}
              - name: shorter
                self_improve: {rounds: 3}
              - name: listed
                self_improve: {schedule: {kind: explicit, difficulties: ["11", "12", "13", "14", "15", "16"]}}
              - name: listed-other
                self_improve: {schedule: {kind: explicit, difficulties: ["11", "12", "13", "15", "16", "17"]}}
            """, "plan.yaml")));

        Assert.That(forecasts.Select(f => $"{f.Plan.ArmName}/{f.Plan.Seed}: {f.SharedWith?.ArmName ?? "-"} {f.SharedThrough} {f.Steps} {f.SharedSteps}"),
            Is.EqualTo(new[]
            {
                "clean/1: - -1 280 0", "clean/2: - -1 280 0",
                "noisy/1: clean 3 90 190", "noisy/2: clean 3 90 190",
                "shorter/1: clean 2 30 160", "shorter/2: clean 2 30 160",
                "listed/1: clean 0 180 100", "listed/2: clean 0 180 100",
                "listed-other/1: listed 3 90 190", "listed-other/2: listed 3 90 190",
            }), "noise is shared until its round; a last round ends with its stop reason; an explicit schedule shares its common entries");
        Assert.That(forecasts[2].Rounds.Select(r => r.Shared), Is.EqualTo(new[] { true, true, true, true, false, false, false }));
        Assert.That(forecasts[2].Labels, Is.EqualTo(3 * 50_000), "shared rounds label nothing");
        Assert.That(forecasts[2].SharedLabels, Is.EqualTo(3 * 50_000));
    }

    [Test]
    public void OneModelArmAfterAVoteTakesItsModelZeroAndOneBeforeItTrainsItsOwn()
    {
        var forecasts = RunForecast.ForAll(RunPlan.For(SpecLoader.Parse("""
            name: vote-first
            task: {kind: copy}
            training: {round0: {warmup: 10, stable: 80, decay: 10}, rounds: {stable: 20, decay: 10}}
            self_improve: {rounds: 2}
            seeds: [1]
            arms:
              - name: before
                model: {layers: 1}
              - name: vote
                model: {layers: 1}
                self_improve: {filters: [{kind: majority, models: 2}]}
              - name: vote3
                self_improve: {filters: [{kind: majority, models: 3}]}
              - name: none
              - name: length
                self_improve: {filters: [{kind: length, rule: expected}]}
            """, "plan.yaml")));

        Assert.That(forecasts.Select(f => $"{f.Plan.ArmName}: {f.SharedWith?.ArmName ?? "-"} {f.SharesModelZero} {f.Steps}"),
            Is.EqualTo(new[]
            {
                "before: - False 160", "vote: - False 160", "vote3: - False 160",
                "none: vote3 True 60", "length: none False 60",
            }), "a vote's model 0 is an earlier one-model arm's base or a later one's; a one-model base is preferred once there is one");
    }

    [Test]
    public void AnalyticParameterCountMatchesThePaperShape() =>
        Assert.That(new Runner.Core.Model.TransformerShape(6, 6, 384, 1536, 15, 1024).ParameterCount, Is.EqualTo(14_172_288));
}
