using NUnit.Framework;
using Runner.Core.Ledger;

namespace Runner.Tests.EndToEnd;

/// <summary>
/// Arms share every round their specs agree on: one that differs only after round 0 copies the
/// first's round 0 (checkpoint and ledger rows), one whose noise comes at round 2 copies rounds
/// 0-1, and each ends with exactly the ledger it would have written training them itself; an arm
/// whose round 0 differs trains its own.
/// </summary>
public class SharedRoundsTests
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

    /// <summary>The arm's rows in the shared ledger are those the "alone" ledger, which trained it apart, holds; the copied rows are whole.</summary>
    async Task AssertSameAsTrainedAlone(string arm, List<string> reference)
    {
        Assert.That(await LedgerContent.Of(new LedgerReader(Path.Combine(dir, "ledger")), arm), Is.EqualTo(reference));
        Assert.That(RunnerProcess.Run(dir, "ledger", "verify", "--ledger", "ledger").ExitCode, Is.EqualTo(0), "the copied rows are whole");
    }

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
        await AssertSameAsTrainedAlone("unfiltered", reference);
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
            Is.EqualTo(new[] { "round-000.json", "round-000.key", "round-000.optim", "round-000.pt" }), "model 1 is not copied");

        // The one-model arm on its own, listed first: the same resolved spec, arm and seed, so the same run key.
        File.WriteAllText(Path.Combine(dir, "one.yaml"), Spec + "  - name: one\n" + Vote);
        var alone = Run("one.yaml", "alone");
        Assert.That(alone.ExitCode, Is.EqualTo(0), alone.Stderr);
        Assert.That(alone.Stdout, Does.Not.Contain("one seed 5: done (round 0"), "listed before the vote, the one-model arm trains its own round 0");

        var reference = await LedgerContent.Of(new LedgerReader(Path.Combine(dir, "alone")), "one");
        Assert.That(reference, Has.Some.StartsWith("round 2 "), "the reference ran every round");
        Assert.That(reference, Has.Some.StartsWith("step one 0 "), "trained alone, its round 0 has a training curve");
        // The vote's round-0 curve is its models' mean loss, not model 0's: the arm starting from model 0 records none for round 0.
        await AssertSameAsTrainedAlone("one", reference.Where(line => !line.StartsWith("step one 0 ", StringComparison.Ordinal)).ToList());
    }

    [Test]
    public async Task NoisyArmStartsAfterTheCleanRoundsBeforeItsNoiseWithTheSameResults()
    {
        const string Noisy = "  - name: noisy\n    self_improve: {noise: {round: 2, fraction: 0.5, kind: digits-drop}}\n";
        File.WriteAllText(Path.Combine(dir, "noise.yaml"), Spec + "  - name: clean\n" + Noisy
            + "  - name: noisier\n    self_improve: {noise: {round: 2, fraction: 1.0, kind: digits-drop}}\n");
        var shared = Run("noise.yaml", "ledger");
        Assert.That(shared.ExitCode, Is.EqualTo(0), shared.Stderr);
        var runs = (await new LedgerReader(Path.Combine(dir, "ledger")).ReadAsync<RunRow>()).ToDictionary(r => r.Arm, r => r.RunId);
        Assert.That(shared.Stdout, Does.Contain($"noisy seed 5: done (rounds 0-1 shared with {runs["clean"]})"));
        Assert.That(shared.Stdout, Does.Match("noisier seed 5: done \\(rounds 0-1 shared with "), "another noise arm branches off round 1 too");

        var noisyRuns = Path.Combine(dir, "ledger-runs", runs["noisy"]);
        Assert.That(Directory.GetFiles(noisyRuns, "round-00*").Select(Path.GetFileName).Order(), Is.EqualTo(new[]
        {
            "round-001.json", "round-001.key", "round-001.optim", "round-001.pt",
            "round-002.json", "round-002.key", "round-002.optim", "round-002.pt",
        }), "it starts from the clean round 1's checkpoint and trains round 2 itself");
        Assert.That(File.ReadAllText(Path.Combine(noisyRuns, "round-001.key")),
            Is.EqualTo(File.ReadAllText(Path.Combine(dir, "ledger-runs", runs["clean"], "round-001.key"))));
        Assert.That(File.ReadAllText(Path.Combine(noisyRuns, "round-002.key")),
            Is.Not.EqualTo(File.ReadAllText(Path.Combine(dir, "ledger-runs", runs["clean"], "round-002.key"))), "the noise makes round 2 its own");

        // The noisy arm on its own: the same resolved spec, arm and seed, so the same run key.
        File.WriteAllText(Path.Combine(dir, "noisy.yaml"), Spec + Noisy);
        var alone = Run("noisy.yaml", "alone");
        Assert.That(alone.ExitCode, Is.EqualTo(0), alone.Stderr);
        Assert.That(alone.Stdout, Does.Not.Contain("shared with"));

        var reference = await LedgerContent.Of(new LedgerReader(Path.Combine(dir, "alone")), "noisy");
        Assert.That(reference, Has.Some.Match("^metric noisy 2 +labels_corrupted [1-9]"), "the reference corrupted some of round 2's kept labels");
        await AssertSameAsTrainedAlone("noisy", reference);
    }
}
