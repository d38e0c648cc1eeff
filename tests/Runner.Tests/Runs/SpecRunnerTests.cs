using NUnit.Framework;
using Runner.Core.Ledger;
using Runner.Core.Plans;
using Runner.Core.Specs;
using Runner.Engine.Native;
using Runner.Engine.Runs;
using Runner.Engine.SelfImprovement;

namespace Runner.Tests.Runs;

/// <summary>A whole spec run in process, through the one entry point the command line uses (<see cref="SpecRunner.RunAll"/>).</summary>
public class SpecRunnerTests
{
    const string Yaml = """
        name: whole
        task: {kind: reverse, d0: {min: 1, max: 3}}
        model: {layers: 1, heads: 2, d_model: 16, ffn: 32, context: 32}
        training: {batch: 8, round0: {warmup: 0, stable: 12, decay: 0}, rounds: {warmup: 0, stable: 4, decay: 0}}
        self_improve: {rounds: 2, labels_per_round: 16, decode_batch: 8}
        eval: {examples: 8, above: 1}
        seeds: [5, 6]
        device: cpu
        arms:
          - name: si
          - name: zero
            self_improve: {rounds: 0}
        """;

    string dir = "";

    [SetUp] public void SetUp() => dir = Directory.CreateTempSubdirectory("runner-spec-runner-").FullName;
    [TearDown] public void TearDown() => Directory.Delete(dir, recursive: true);

    (IReadOnlyList<RunResult> Results, Events Events) Run(Shard shard)
    {
        string path = Path.Combine(dir, "whole.yaml");
        File.WriteAllText(path, Yaml);
        var settings = new RunSettings(Path.Combine(dir, "ledger"), Path.Combine(dir, "runs"), RequireClean: false);
        var events = new Events(Path.Combine(dir, "ledger"));
        var results = new SpecRunner(settings, RunEnvironment.Create("cpu", threads: 1))
            .RunAll(SpecLoader.Load(path), shard, SpecRunner.Provenance(path, settings), events);
        return (results, events);
    }

    [Test]
    public void RunsEveryPlanInOrderRecordingEachRoundBeforeTheObserverSeesIt()
    {
        var (results, events) = Run(Shard.All);

        Assert.That(results.Select(r => $"{r.Plan.ArmName} {r.Plan.Seed} {r.StopReason}"),
            Is.EqualTo(new[] { "si 5 max_round", "si 6 max_round", "zero 5 max_round", "zero 6 max_round" }));
        Assert.That(events.Log, Is.EqualTo(new[]
        {
            "start si 5", "round 0 recorded", "round 1 recorded", "round 2 recorded", "end si 5",
            "start si 6", "round 0 recorded", "round 1 recorded", "round 2 recorded", "end si 6",
            "start zero 5", "round 0 recorded", "end zero 5",
            "start zero 6", "round 0 recorded", "end zero 6",
        }), "a round reaches the observer once it is in the ledger (zero's round 0 is its last, so it is not si's)");
    }

    [Test]
    public void ASecondRunSkipsWhatTheLedgerHasAndAShardRunsOnlyItsSeeds()
    {
        Assert.That(Run(new Shard(2, 2)).Results.Select(r => $"{r.Plan.ArmName} {r.Plan.Seed}"), Is.EqualTo(new[] { "si 6", "zero 6" }));

        var (again, events) = Run(Shard.All);

        Assert.That(again.Select(r => $"{r.Plan.ArmName} {r.Plan.Seed} {r.Skipped}"),
            Is.EqualTo(new[] { "si 5 False", "si 6 True", "zero 5 False", "zero 6 True" }));
        Assert.That(events.Log.Count(e => e.EndsWith("recorded", StringComparison.Ordinal)), Is.EqualTo(3 + 1), "only seed 5's runs train");
    }

    /// <summary>What the observer saw, and whether each completed round was already in the ledger when it did.</summary>
    sealed class Events(string ledger) : ISpecObserver
    {
        public List<string> Log { get; } = [];
        public string Ledger => ledger;

        public ILoopObserver RunStarting(RunPlan plan)
        {
            Log.Add($"start {plan.ArmName} {plan.Seed}");
            return new Rounds(this, plan);
        }

        public void RunFinished(RunResult result) =>
            Log.Add($"end {result.Plan.ArmName} {result.Plan.Seed}{(result.SharedThrough >= 0 ? " (shared)" : "")}");

        sealed class Rounds(Events events, RunPlan plan) : ILoopObserver
        {
            public void RoundCompleted(RoundOutcome outcome)
            {
                bool recorded = new LedgerReader(events.Ledger).ReadAsync<RoundRow>(plan.SpecName).GetAwaiter().GetResult()
                    .Any(r => r.Arm == plan.ArmName && r.Seed == plan.Seed && r.Round == outcome.Round);
                events.Log.Add($"round {outcome.Round} {(recorded ? "recorded" : "not recorded")}");
            }
        }
    }
}
