using NUnit.Framework;
using Runner.Core.Plans;
using Runner.Core.Specs;
using Runner.Engine.Cost;
using Runner.Engine.Runs;

namespace Runner.Tests.Cost;

public class RunEstimateTests
{
    // D0 is copy of 5 digits only: every example has 2 x 5 + 2 = 12 positions, no two share a row of 12.
    const string Yaml = """
        name: est
        task: {kind: copy, d0: {min: 5, max: 5}}
        model: {layers: 1, heads: 2, d_model: 16, ffn: 32, context: 32}
        training: {batch: 8, round0: {warmup: 0, stable: 10, decay: 0}, rounds: {warmup: 0, stable: 4, decay: 0}}
        self_improve: {rounds: 1, labels_per_round: 20, decode_batch: 8}
        eval: {examples: 4, from: 5, to: 6}
        arms:
          - name: one
          - name: two
            self_improve: {filters: [{kind: length}]}
        """;

    static readonly Calibration Measured = new()
    {
        StepSeconds = 0.25, TrainFlopsPerSecond = 1e9, DecodeTokenSeconds = 0.01, DecodeFlopsPerSecond = 2e9,
    };

    static IReadOnlyList<RunForecast> Forecasts() => RunForecast.ForAll(RunPlan.For(SpecLoader.Parse(Yaml, "est.yaml")));

    [Test]
    public void RoundZeroCostsItsStepsOnFullRowsAndItsEvaluationDecodes()
    {
        var forecast = Forecasts()[0];
        var shape = forecast.Shape;
        var round0 = RunEstimate.For(forecast, Measured).Round(0)!;

        Assert.That(round0.TrainFlops, Is.EqualTo(10 * Flops.TrainingStep(shape, rows: 8, width: 12)));
        Assert.That(round0.TrainSeconds, Is.EqualTo(10 * (0.25 + Flops.TrainingStep(shape, 8, 12) / 1e9)).Within(1e-9));
        Assert.That(round0.LabelSeconds, Is.Zero);
        // 4 held-out prompts of 5 and of 6 digits: BOS, the digits and '=' (7, 8 tokens), then the digits and EOS (6, 7).
        Assert.That(round0.EvalSeconds, Is.EqualTo(Measured.DecodeSeconds(shape, 4, 7, 6) + Measured.DecodeSeconds(shape, 4, 8, 7)).Within(1e-9));
        Assert.That(Measured.DecodeSeconds(shape, 4, 7, 6), Is.EqualTo(6 * 0.01 + Flops.Decode(shape, 4, 7, 6) / 2e9));
    }

    [Test]
    public void ARoundLabelsInDecodeBatchesAndTrainsOnTheMixture()
    {
        var forecast = Forecasts()[0];
        var shape = forecast.Shape;
        var round1 = RunEstimate.For(forecast, Measured).Round(1)!;

        // 20 labels of 6 digits in batches of 8: two full and one of 4.
        Assert.That(round1.LabelSeconds, Is.EqualTo(2 * Measured.DecodeSeconds(shape, 8, 8, 7) + Measured.DecodeSeconds(shape, 4, 8, 7)).Within(1e-9));
        // Half the examples are D0's 12 positions, half the round's 14: rows of 14 hold one example each.
        Assert.That(round1.TrainFlops, Is.InRange(4 * Flops.TrainingStep(shape, 8, 12), 4 * Flops.TrainingStep(shape, 8, 14)));
        Assert.That(round1.TrainFlops, Is.EqualTo(4 * Flops.TrainingStep(shape, 8, 14)).Within(1).Percent, "a batch of 8 without the round's length is rare");
        Assert.That(RunEstimate.For(forecast, Measured).Seconds, Is.EqualTo(new[] { 0, 1 }.Sum(r => RunEstimate.For(forecast, Measured).Round(r)!.Seconds!.Value)));
    }

    [Test]
    public void ARunStartedFromAnotherArmsBaseModelCostsNothingForRoundZero()
    {
        var forecasts = Forecasts();
        var (one, two) = (forecasts[0], forecasts[1]);
        Assert.That(two.SharedWith, Is.SameAs(one.Plan), "the arms differ only in their filters");

        var round0 = RunEstimate.For(two, Measured).Round(0)!;
        Assert.That((round0.TrainFlops, round0.Seconds), Is.EqualTo((0.0, 0.0)));
        Assert.That(RunEstimate.For(two, Measured).Round(1), Is.EqualTo(RunEstimate.For(one, Measured).Round(1)), "round 1 as the first arm's");
    }

    [Test]
    public void WithoutACalibrationThereAreFlopsButNoSeconds()
    {
        var estimate = RunEstimate.For(Forecasts()[0], calibration: null);

        Assert.That(estimate.TrainFlops, Is.GreaterThan(0));
        Assert.That(estimate.Rounds.Select(r => r.Seconds), Is.All.Null);
        Assert.That(estimate.Seconds, Is.Null);
    }

    [Test]
    public void RunsWhoseMixturesGoTheSameWayShareOneDraw()
    {
        var packing = new PackedSteps();
        var spec = Forecasts()[0].Plan.Spec;
        MixtureRound[] rounds = [new(0, [], true), new(1, [6], true)];

        var first = packing.For(spec, rounds);
        Assert.That(packing.For(spec, [.. rounds]), Is.SameAs(first));
        Assert.That(packing.For(spec, [rounds[0], new(1, [7], true)]), Is.Not.SameAs(first));
        Assert.That(first.Select(r => r.Count), Is.EqualTo(new[] { 128, 128 }), "1,024 examples drawn a round, in batches of 8");
        Assert.That(first[0], Is.All.EqualTo((8, 12)));
    }
}
