using NUnit.Framework;
using Runner.Core.Ledger;
using Runner.Core.Plans;
using Runner.Core.Specs;
using Runner.Engine.Native;
using Runner.Engine.Runs;
using Runner.Engine.SelfImprovement;
using TorchSharp;

namespace Runner.Tests.SelfImprovement;

/// <summary>Native tensors are not garbage-collected: every round must free what it made, or a long run grows until it is killed.</summary>
public class NativeMemoryTests
{
    string dir = "";

    [SetUp] public void SetUp() => dir = Directory.CreateTempSubdirectory("runner-memory-").FullName;
    [TearDown] public void TearDown() => Directory.Delete(dir, recursive: true);

    [Test]
    public void TheLiveTensorCountDoesNotGrowFromRoundToRound()
    {
        // Every part of a round: training, labelling, the batch length filter (which decodes in batches), evaluation, checkpoints, the ledger.
        const string Yaml = """
            name: memory
            task: {kind: reverse, d0: {min: 1, max: 3}}
            model: {layers: 1, heads: 2, d_model: 16, ffn: 32, context: 32}
            training: {batch: 8, round0: {warmup: 0, stable: 10, decay: 0}, rounds: {warmup: 0, stable: 3, decay: 0}}
            self_improve: {rounds: 6, labels_per_round: 24, decode_batch: 10, filters: [{kind: length, rule: batch}]}
            eval: {examples: 8, above: 1}
            device: cpu
            """;
        string path = Path.Combine(dir, "memory.yaml");
        File.WriteAllText(path, Yaml);
        var settings = new RunSettings(Path.Combine(dir, "ledger"), Path.Combine(dir, "runs"), RequireClean: false);
        var runner = new SpecRunner(settings, RunEnvironment.Create("cpu", threads: 1));
        var live = new LiveTensors();

        var result = runner.Run(RunPlan.For(SpecLoader.Load(path)).Single(), SpecRunner.Provenance(path, settings), live);

        Assert.That(result.Rounds.Select(r => r.Round), Is.EqualTo(Enumerable.Range(0, 7)));
        Assert.That(result.Rounds.Skip(1).Sum(r => r.Labels.Count), Is.EqualTo(6 * 24), "every round labelled");
        // Round 0 creates the model, its gradients and the optimizer's state; from then on a round ends with what it started with.
        Assert.That(live.Counts.Skip(1), Is.All.EqualTo(live.Counts[1]), string.Join(", ", live.Counts));
        Assert.That(live.Counts[1], Is.GreaterThan(0));
    }

    /// <summary>Live tensors of this thread (created less disposed, as TorchSharp counts them) when each round completes.</summary>
    sealed class LiveTensors : ILoopObserver
    {
        public List<long> Counts { get; } = [];

        public void RoundCompleted(RoundOutcome outcome) => Counts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
