using NUnit.Framework;
using Runner.Core.Ledger;
using Runner.Core.Specs;

namespace Runner.Tests.EndToEnd;

/// <summary>`--set` on the command line: the run records the spec it really ran, and a bad value is refused like a bad file.</summary>
public class SetOverrideRunTests
{
    string dir = "";

    [SetUp]
    public void SetUp()
    {
        dir = Directory.CreateTempSubdirectory("runner-set-").FullName;
        File.WriteAllText(Path.Combine(dir, "tiny.yaml"), TinySpec.Yaml);
    }

    [TearDown] public void TearDown() => Directory.Delete(dir, recursive: true);

    [Test]
    public async Task TheRunsRowRecordsTheOverriddenSpec_AndItsKeyIsNotTheFilesKey()
    {
        var set = RunnerProcess.Run(dir, "run", "tiny.yaml", "--set", "self_improve.rounds=1", "--set", "seeds=[8]", "--threads", "1");
        Assert.That(set.ExitCode, Is.EqualTo(0), set.Stderr);

        var runs = await new LedgerReader(Path.Combine(dir, "ledger")).ReadAsync<RunRow>();
        Assert.That(runs.Select(r => $"{r.Arm} {r.Seed} {r.RoundsCompleted}").Order(), Is.EqualTo(new[] { "si 8 2", "zero 8 1" }));
        var recorded = SpecLoader.Parse(runs.Single(r => r.Arm == "si").SpecYaml, "spec_yaml");
        Assert.That(recorded.Base.SelfImprove.Rounds, Is.EqualTo(1), "spec_yaml shows the override");
        Assert.That(recorded.Base.Seeds, Is.EqualTo(new[] { 8 }));
        Assert.That(runs.Single(r => r.Arm == "zero").SpecYaml, Does.Contain("rounds: 0"), "the arm's own override stays where --set does not touch it");

        // The file's own spec is another run: nothing is skipped as already done.
        var plain = RunnerProcess.Run(dir, "run", "tiny.yaml", "--set", "seeds=[8]", "--threads", "1");
        Assert.That(plain.ExitCode, Is.EqualTo(0), plain.Stderr);
        var after = await new LedgerReader(Path.Combine(dir, "ledger")).ReadAsync<RunRow>();
        Assert.That(after.Where(r => r.Arm == "si").Select(r => r.RoundsCompleted).Order(), Is.EqualTo(new[] { 2, 3 }));
        Assert.That(after.Select(r => r.RunKey).Distinct().Count(), Is.EqualTo(3), "si with 1 round, si with 2, and zero (the same spec both times: skipped)");
    }

    [TestCase("run")]
    [TestCase("plan")]
    [TestCase("validate")]
    public void ABadValueExitsTwoWithOneLineNamingTheFlagAndTheKey_AndWritesNothing(string command)
    {
        var result = RunnerProcess.Run(dir, command, "tiny.yaml", "--set", "training.batch=abc");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StderrLines, Is.EqualTo(new[] { "tiny.yaml: --set training.batch=abc: training.batch: expected an integer (got 'abc')" }));
        Assert.That(Directory.Exists(Path.Combine(dir, "ledger")), Is.False);
    }

    [Test]
    public void ValidateAndPlanShowTheOverriddenSpec()
    {
        var validate = RunnerProcess.Run(dir, "validate", "tiny.yaml", "--set", "seeds=[1, 2, 3]");
        Assert.That(validate.Stdout.Trim(), Does.StartWith("tiny.yaml: ok (2 arm(s) x 3 seed(s) = 6 run(s)"));

        var plan = RunnerProcess.Run(dir, "run", "tiny.yaml", "--dry-run", "--set", "training.batch=8");
        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.Stderr);
        Assert.That(plan.Stdout, Does.Contain("batch 8, device auto"));
    }
}
