using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Runner.Tests.EndToEnd;

/// <summary>Bad input gets one line per problem, exit code 2, no stack trace, and nothing trained or written.</summary>
public class ValidateCommandTests
{
    string dir = "";

    [SetUp] public void SetUp() => dir = Directory.CreateTempSubdirectory("runner-validate-").FullName;
    [TearDown] public void TearDown() => Directory.Delete(dir, recursive: true);

    const string Broken = """
        name: broken
        task: {kind: reverse}
        model:
          layrs: 2
          heads: 5
          d_model: 64
        training:
          batch: lots
        """;

    [Test]
    public void MalformedSpecListsEveryProblemAndWritesNothing()
    {
        File.WriteAllText(Path.Combine(dir, "broken.yaml"), Broken);

        var result = RunnerProcess.Run(dir, "run", "broken.yaml");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StderrLines, Is.EqualTo(new[]
        {
            "broken.yaml:4:3: model.layrs: unknown key (did you mean 'layers'?)",
            "broken.yaml:5:3: model.heads: heads must divide d_model (64 % 5 = 4)",
            "broken.yaml:8:3: training.batch: expected an integer (got 'lots')",
        }));
        Assert.That(result.Stdout, Is.Empty);
        Assert.That(Directory.GetFileSystemEntries(dir), Is.EqualTo(new[] { Path.Combine(dir, "broken.yaml") }), "no ledger, no runs folder");
    }

    [Test]
    public void ValidateReportsAllFilesAndFailsIfAnyIsBad()
    {
        File.WriteAllText(Path.Combine(dir, "broken.yaml"), Broken);
        File.WriteAllText(Path.Combine(dir, "tiny.yaml"), TinySpec.Yaml);

        var result = RunnerProcess.Run(dir, "validate", "tiny.yaml", "broken.yaml", "missing.yaml");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StderrLines, Has.Count.EqualTo(4));
        Assert.That(result.StderrLines[^1], Is.EqualTo("missing.yaml:1:1: (file): file not found"));
        Assert.That(result.Stderr, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void ValidSpecSaysWhatItWouldRun()
    {
        File.WriteAllText(Path.Combine(dir, "tiny.yaml"), TinySpec.Yaml);

        var result = RunnerProcess.Run(dir, "validate", "tiny.yaml");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(result.Stdout.Trim(), Is.EqualTo("tiny.yaml: ok (2 arm(s) x 1 seed(s) = 2 run(s), 80 training steps)"));
    }

    [Test]
    public void ArmsWithTheirOwnSeedsCountTheirRuns()
    {
        File.WriteAllText(Path.Combine(dir, "tiny.yaml"), TinySpec.Yaml.Replace("  - name: zero\n", "  - name: zero\n    seeds: [1, 2]\n"));

        var result = RunnerProcess.Run(dir, "validate", "tiny.yaml");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(result.Stdout.Trim(), Is.EqualTo("tiny.yaml: ok (2 arm(s) with 1 + 2 seed(s) = 3 run(s), 110 training steps)"));
    }

    [TestCase(new[] { "validate" }, "runner: error: Required argument missing for command: 'validate'.", "usage: runner validate --help")]
    [TestCase(new[] { "run", "--threads", "abc", "x.yaml" }, "runner: error: Cannot parse argument 'abc' for option '--threads' as expected type 'System.Int32'.", "usage: runner run --help")]
    [TestCase(new[] { "frobnicate" }, "runner: error: Unrecognized command or argument 'frobnicate'.", "usage: runner --help")]
    [TestCase(new[] { "bench", "--steps", "0" }, "runner: error: --steps must be at least 1 (got 0)", "usage: runner bench --help")]
    [TestCase(new[] { "bench", "--heads", "5", "--d", "128" }, "runner: error: --heads must divide --d (128 % 5 = 3)", "usage: runner bench --help")]
    public void BadArgumentsExitTwoWithOneLineEachAndNoHelpDump(string[] args, string error, string usage)
    {
        var result = RunnerProcess.Run(dir, args);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StderrLines, Does.Contain(error));
        Assert.That(result.StderrLines[^1], Is.EqualTo(usage));
        Assert.That(result.Stdout, Is.Empty);
    }

    [Test]
    public void AnEmptySpecPathIsABadPathNotACrash()
    {
        var result = RunnerProcess.Run(dir, "validate", "");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StderrLines, Is.EqualTo(new[] { ":1:1: (file): not a file path" }));
    }

    [Test]
    public void ShippedSpecsAreValid()
    {
        var specs = Directory.GetFiles(Path.Combine(RunnerProcess.RepositoryRoot(), "specs"), "*.yaml", SearchOption.AllDirectories);
        Assert.That(specs, Is.Not.Empty);

        var result = RunnerProcess.Run(RunnerProcess.RepositoryRoot(), ["validate", .. specs]);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(result.Stdout, Does.Contain("quickstart.yaml: ok (2 arm(s) x 1 seed(s) = 2 run(s), 4400 training steps)"));
    }

    [Test]
    public void ShippedSpecsArePlannedWithTheirRounds()
    {
        var root = RunnerProcess.RepositoryRoot();
        var specs = Directory.GetFiles(Path.Combine(root, "specs"), "*.yaml", SearchOption.AllDirectories).Order().ToList();

        var result = RunnerProcess.Run(root, ["plan", .. specs]);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        foreach (var spec in specs)
            Assert.That(result.Stdout, Does.Contain($"{spec}: "), spec);
        // The quickstart's first rounds, with what their training steps compute (no calibration here: no time).
        Assert.That(Regex.IsMatch(result.Stdout, """
            round  labelled     labels  steps  examples / model    training
                0  D0 \(trains\)       0  1,200            76,800  2\.\d\d TFLOP
                1  11            2,000    200            12,800   6\d\d GFLOP
            """.ReplaceLineEndings("\n")), result.Stdout);
        Assert.That(result.Stdout, Does.Contain("  starts from arm clean, seed 42: rounds 0-10 shared (20,000 steps and 500,000 labels not repeated)\n"),
            "a noise arm branches off the clean arm before its noise round");
        Assert.That(Regex.IsMatch(result.Stdout, """
               10  26 \(shared\)       0      0                 0 +-
               11  27           50,000  1,000         1,024,000 +[0-9.]+ PFLOP
            """.ReplaceLineEndings("\n")), "the table shows where the shared rounds end, which train nothing");
        Assert.That(result.Stdout, Does.Contain("all 39 run(s): 255,000 steps, 11,250,000 labels, 261,120,000 training examples; " +
            "shared rounds save 720,000 steps and 18,000,000 labels\n"), "the noise study's totals");
        Assert.That(result.Stdout, Does.Contain("    1  31,32,33     150,000   4,000"), "maze nodes label three node counts a round");
    }

    [Test]
    public void DryRunPrintsThePlanAndTrainsNothing()
    {
        File.WriteAllText(Path.Combine(dir, "tiny.yaml"), TinySpec.Yaml);

        var result = RunnerProcess.Run(dir, "run", "tiny.yaml", "--dry-run");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(result.Stdout, Does.StartWith("tiny.yaml: tiny, 2 arm(s) x 1 seed(s) = 2 run(s)\ntask reverse: D0 1..4 (4 difficulties)\n"));
        Assert.That(result.Stdout, Does.Contain("arm zero, seed 7: 1 model(s) of 11,232 parameters (1 layers, d_model 32), batch 16, device auto"));
        Assert.That(Directory.GetFileSystemEntries(dir), Is.EqualTo(new[] { Path.Combine(dir, "tiny.yaml") }), "no ledger, no runs folder");
    }
}
