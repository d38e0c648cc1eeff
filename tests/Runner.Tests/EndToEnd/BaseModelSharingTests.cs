using NUnit.Framework;
using Runner.Core.Ledger;

namespace Runner.Tests.EndToEnd;

/// <summary>
/// Arms that differ only after round 0 share one base model per seed: the second arm copies the
/// first's round 0 (checkpoint and ledger rows) and ends with exactly the ledger it would have
/// written training its own; an arm whose round 0 differs trains its own.
/// </summary>
public class BaseModelSharingTests
{
    string dir = "";

    /// <summary>A tiny spec up to its arms, which each test writes.</summary>
    const string Spec = """
        name: shared
        task: {kind: reverse, d0: {min: 1, max: 4}}
        model: {layers: 1, heads: 2, d_model: 32, ffn: 64, context: 32}
        training:
          batch: 16
          peak_lr: 0.003
          round0: {warmup: 10, stable: 40, decay: 50}
          rounds: {warmup: 0, stable: 10, decay: 30}
        self_improve: {rounds: 2, labels_per_round: 64, decode_batch: 16}
        eval: {examples: 24, above: 2}
        seeds: [5]
        arms:

        """;

    const string Filtered = "  - name: filtered\n    self_improve: {filters: [{kind: length, rule: expected}]}\n";
    const string Unfiltered = "  - name: unfiltered\n    self_improve: {filters: []}\n";
    const string Longer = "  - name: longer\n    training: {round0: {warmup: 10, stable: 50, decay: 50}}\n";
    const string Vote = "  - name: vote\n    self_improve: {filters: [{kind: majority, models: 2, threshold: 1.0}]}\n";

    [SetUp]
    public void SetUp()
    {
        dir = Directory.CreateTempSubdirectory("runner-base-").FullName;
        File.WriteAllText(Path.Combine(dir, "arms.yaml"), Spec + Filtered + Unfiltered + Longer);
        // The unfiltered arm on its own: the same resolved spec, arm and seed, so the same run key.
        File.WriteAllText(Path.Combine(dir, "alone.yaml"), Spec + Unfiltered);
    }

    [TearDown] public void TearDown() => Directory.Delete(dir, recursive: true);

    ProcessResult Run(string spec, string ledger) =>
        RunnerProcess.Run(dir, "run", spec, "--ledger", ledger, "--runs", ledger + "-runs", "--threads", "1");

    [Test]
    public async Task SecondArmStartsFromTheFirstArmsRoundZeroWithTheSameResults()
    {
        var shared = Run("arms.yaml", "ledger");
        Assert.That(shared.ExitCode, Is.EqualTo(0), shared.Stderr);
        var runs = (await new LedgerReader(Path.Combine(dir, "ledger")).ReadAsync<RunRow>()).ToDictionary(r => r.Arm, r => r.RunId);
        Assert.That(shared.Stdout, Does.Contain($"unfiltered seed 5: done (round 0 shared with {runs["filtered"]})"));
        Assert.That(shared.Stdout, Does.Not.Contain("longer seed 5: done (round 0 shared"), "a different round 0 is trained, not shared");

        var sharedRuns = Path.Combine(dir, "ledger-runs");
        Assert.That(File.ReadAllBytes(Path.Combine(sharedRuns, runs["unfiltered"], "round-000.pt")),
            Is.EqualTo(File.ReadAllBytes(Path.Combine(sharedRuns, runs["filtered"], "round-000.pt"))), "the base model's weights");
        Assert.That(File.ReadAllBytes(Path.Combine(sharedRuns, runs["longer"], "round-000.pt")),
            Is.Not.EqualTo(File.ReadAllBytes(Path.Combine(sharedRuns, runs["filtered"], "round-000.pt"))));

        var alone = Run("alone.yaml", "alone");
        Assert.That(alone.ExitCode, Is.EqualTo(0), alone.Stderr);
        Assert.That(alone.Stdout, Does.Not.Contain("round 0 shared"));

        var reference = await LedgerContent.Of(new LedgerReader(Path.Combine(dir, "alone")), "unfiltered");
        Assert.That(reference, Has.Some.StartsWith("round 2 "), "the reference ran every round");
        Assert.That(await LedgerContent.Of(new LedgerReader(Path.Combine(dir, "ledger")), "unfiltered"), Is.EqualTo(reference));
        Assert.That(RunnerProcess.Run(dir, "ledger", "verify", "--ledger", "ledger").ExitCode, Is.EqualTo(0), "the copied rows are whole");
    }

    [Test]
    public async Task OneModelArmStartsFromModelZeroOfAnEarlierVoteWithTheSameResults()
    {
        File.WriteAllText(Path.Combine(dir, "vote.yaml"), Spec + Vote + "  - name: one\n"
            + "  - name: one-again\n    self_improve: {filters: [{kind: length, rule: expected}]}\n");
        var shared = Run("vote.yaml", "ledger");
        Assert.That(shared.ExitCode, Is.EqualTo(0), shared.Stderr);
        var runs = (await new LedgerReader(Path.Combine(dir, "ledger")).ReadAsync<RunRow>()).ToDictionary(r => r.Arm, r => r.RunId);
        Assert.That(shared.Stdout, Does.Contain($"one seed 5: done (round 0 model 0 of {runs["vote"]})"));
        Assert.That(shared.Stdout, Does.Contain($"one-again seed 5: done (round 0 shared with {runs["one"]})"),
            "a whole one-model base is preferred to a vote's model 0");

        var sharedRuns = Path.Combine(dir, "ledger-runs");
        Assert.That(File.ReadAllBytes(Path.Combine(sharedRuns, runs["one"], "round-000.pt")),
            Is.EqualTo(File.ReadAllBytes(Path.Combine(sharedRuns, runs["vote"], "round-000.pt"))), "model 0's weights");
        Assert.That(Directory.GetFiles(Path.Combine(sharedRuns, runs["one"]), "round-000.*").Select(Path.GetFileName).Order(),
            Is.EqualTo(new[] { "round-000.base", "round-000.json", "round-000.optim", "round-000.pt" }), "model 1 is not copied");

        // The one-model arm on its own, listed first: the same resolved spec, arm and seed, so the same run key.
        File.WriteAllText(Path.Combine(dir, "one.yaml"), Spec + "  - name: one\n" + Vote);
        var alone = Run("one.yaml", "alone");
        Assert.That(alone.ExitCode, Is.EqualTo(0), alone.Stderr);
        Assert.That(alone.Stdout, Does.Not.Contain("one seed 5: done (round 0"), "listed before the vote, the one-model arm trains its own round 0");

        var reference = await LedgerContent.Of(new LedgerReader(Path.Combine(dir, "alone")), "one");
        Assert.That(reference, Has.Some.StartsWith("round 2 "), "the reference ran every round");
        Assert.That(await LedgerContent.Of(new LedgerReader(Path.Combine(dir, "ledger")), "one"), Is.EqualTo(reference));
        Assert.That(RunnerProcess.Run(dir, "ledger", "verify", "--ledger", "ledger").ExitCode, Is.EqualTo(0), "the copied rows are whole");
    }
}
