using NUnit.Framework;
using Runner.Core;
using Runner.Core.Evaluation;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Core.Training;
using Runner.Engine.SelfImprovement;
using static TorchSharp.torch;

namespace Runner.Tests.SelfImprovement;

/// <summary>
/// The voters of a majority vote are trained as the official seed runs are (each its own data
/// stream), not in lock-step on shared batches; model 0 keeps the seed's own stream.
/// </summary>
public class VoterDataStreamTests
{
    // Two voters, round 0 only: 6 steps of 8 examples, all from D0.
    const string Yaml = """
        name: voters
        task: {kind: reverse, d0: {min: 1, max: 3}}
        model: {layers: 1, heads: 2, d_model: 16, ffn: 32, context: 16}
        training: {batch: 8, peak_lr: 0.01, round0: {warmup: 0, stable: 6, decay: 0}}
        self_improve: {rounds: 0, filters: [{kind: majority, models: 2, threshold: 0.5}]}
        eval: {examples: 4, above: 1}
        seeds: [3]
        """;

    sealed class Quiet : ILoopObserver;

    /// <summary>The 48 examples a model's data stream gives in round 0, and the stream's state after them.</summary>
    static (List<Example> Examples, ulong[] State) Replay(Spec spec, int member)
    {
        var task = StringTask.Reversal();
        var heldOut = new HeldOutPrompts(task, 3, spec.Eval.Examples);
        foreach (var d in new Difficulty[] { 1, 2, 3 }) heldOut.For(d);
        var mixture = new DataMixture(task, 1, 3, spec.Training.NewestRoundFraction, heldOut, weighRoundsByDifficulties: false);
        var rng = new Rng(SelfImprovementLoop.DataStream(3, member));
        var examples = Enumerable.Range(0, 48).Select(_ => mixture.Sample(rng)).ToList();
        return (examples, rng.State);
    }

    [Test]
    public void EachVoterTrainsOnItsOwnStreamAndModelZeroOnTheSeeds()
    {
        var spec = SpecLoader.Parse(Yaml, "voters.yaml").Arms[0].Spec;
        var loop = new SelfImprovementLoop(spec, 3, CPU);
        loop.Run(new Quiet());
        var state = loop.State;

        var model0 = Replay(spec, 0);
        var model1 = Replay(spec, 1);
        // Each stream gave exactly its model's 6 x 8 examples: model 0 the seed's own "data" stream, model 1 its own.
        Assert.That(state.DataRng, Is.EqualTo(model0.State));
        Assert.That(state.VoterDataRngs, Has.Count.EqualTo(1));
        Assert.That(state.VoterDataRngs![0], Is.EqualTo(model1.State));
        Assert.That(SelfImprovementLoop.DataStream(3, 0), Is.EqualTo(SeedStreams.Derive(3, "data")), "a one-model arm's stream");
        // So the voters saw different batches.
        Assert.That(model1.Examples.Take(8), Is.Not.EqualTo(model0.Examples.Take(8)));
        Assert.That(model1.Examples.Intersect(model0.Examples).Count(), Is.LessThan(24), "mostly different examples, not the same ones reordered");
    }
}
