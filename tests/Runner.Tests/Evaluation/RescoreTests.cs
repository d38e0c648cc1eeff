using NUnit.Framework;
using Runner.Cli.Commands;
using Runner.Core.Evaluation;
using Runner.Core.Ledger;
using Runner.Core.Plans;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Engine.Native;
using Runner.Engine.Runs;

namespace Runner.Tests.Evaluation;

/// <summary>`runner eval`: a finished run's checkpoints evaluated again, on the prompts it held out and ones it never saw.</summary>
public class RescoreTests
{
    static readonly ITask Reversal = StringTask.Reversal();

    [Test]
    public void PromptsExtendTheRunsHeldOutSetAndSkipWhatItLabelled()
    {
        var heldOut = new HeldOutPrompts(Reversal, seed: 7, examplesPerDifficulty: 20).For(6);
        var stream = HeldOutPrompts.Draws(Reversal, 7, 6).Take(60).ToList();
        var labelled = stream.Skip(20).Where((_, i) => i % 2 == 0).ToHashSet();
        var d0 = Reversal.Levels(1, 4).ToHashSet();

        var fewer = new RescorePrompts(Reversal, 7, runExamples: 20, examples: 5, d0, labelled).For(6);
        var more = new RescorePrompts(Reversal, 7, runExamples: 20, examples: 30, d0, labelled).For(6);

        Assert.That(fewer, Is.EqualTo(heldOut.Take(5)), "fewer examples: the run's own first ones");
        Assert.That(more.Take(20), Is.EqualTo(heldOut), "more: the run's held-out set first");
        Assert.That(more.Skip(20), Is.EqualTo(stream.Skip(20).Where(p => !labelled.Contains(p)).Take(10)), "then the stream, skipping labelled prompts");
        Assert.That(more, Has.Count.EqualTo(30).And.Unique);
    }

    [Test]
    public void AtD0OrWithoutTheRunsLabelsOnlyTheHeldOutSetIsUsed()
    {
        var heldOut = new HeldOutPrompts(Reversal, seed: 7, examplesPerDifficulty: 20);
        var d0 = Reversal.Levels(1, 6).ToHashSet();

        Assert.That(new RescorePrompts(Reversal, 7, 20, 100, d0, new HashSet<string>()).For(6), Is.EqualTo(heldOut.For(6)), "D0 was drawn freely for training");
        Assert.That(new RescorePrompts(Reversal, 7, 20, 100, Reversal.Levels(1, 4).ToHashSet(), labelled: null).For(6), Is.EqualTo(heldOut.For(6)),
            "labels not readable: nothing past the held-out set is known unseen");
        Assert.That(new RescorePrompts(Reversal, 7, 100, 1000, d0, null).For(2), Has.Count.EqualTo(45), "at most half of length 2's 90 prompts, as the run held out");
    }

    [Test]
    public void SettingsReplaceTheRunsWindowAndDescribeIt()
    {
        var run = new EvalSpec { Examples = 256, Below = 12, Above = 4 };

        Assert.That(RescoreSettings.Describe(new RescoreSettings().ApplyTo(run)), Is.EqualTo("examples=256 from=d0 below=12 above=4 step=1"));
        Assert.That(RescoreSettings.Describe(new RescoreSettings(Examples: 1024, Below: 8, Above: 51, Step: 4).ApplyTo(run)),
            Is.EqualTo("examples=1024 from=d0 below=8 above=51 step=4"), "the paper's dynamic_eval_range -8 51 4");
        Assert.That(RescoreSettings.Describe(new RescoreSettings(From: 1, To: 30).ApplyTo(run)), Is.EqualTo("examples=256 from=1 below=none to=30 step=1"));
    }

    string dir = "";

    [SetUp] public void SetUp() => dir = Directory.CreateTempSubdirectory("runner-rescore-").FullName;
    [TearDown] public void TearDown() => Directory.Delete(dir, recursive: true);

    string Ledger => Path.Combine(dir, "ledger");
    string Runs => Path.Combine(dir, "runs");

    /// <summary>A two-model vote, two rounds, on reversal of lengths 1-3.</summary>
    string RunTinySpec()
    {
        string path = Path.Combine(dir, "tiny.yaml");
        File.WriteAllText(path, """
            name: tiny
            task: {kind: reverse, d0: {min: 1, max: 3}}
            model: {layers: 1, heads: 2, d_model: 16, ffn: 32, context: 32}
            training: {batch: 8, round0: {warmup: 0, stable: 30, decay: 10}, rounds: {warmup: 0, stable: 4, decay: 4}}
            self_improve:
              rounds: 2
              labels_per_round: 16
              decode_batch: 8
              filters: [{kind: majority, models: 2, threshold: 0.5}]
            eval: {examples: 8, above: 1}
            seeds: [5]
            device: cpu
            """);
        var settings = new RunSettings(Ledger, Runs, RequireClean: false);
        new SpecRunner(settings, RunEnvironment.Create("cpu", threads: 1))
            .RunAll(SpecLoader.Load(path), Shard.All, SpecRunner.Provenance(path, settings), NoLoopObserver.Instance);
        return path;
    }

    (int Code, string Output, string Errors) Eval(string spec, RescoreSettings settings, string rounds = "all", string? runs = null)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        int code = EvalCommand.Execute(new EvalCommand.EvalOptions(spec, settings, rounds, Ledger: Ledger, Runs: runs ?? Runs, Threads: 1), output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    [Test]
    public void RescoringWithTheRunsOwnSettingsGivesTheRunsOwnEvaluationThenMoreExamplesAreAdded()
    {
        string spec = RunTinySpec();
        var same = Eval(spec, new RescoreSettings());

        Assert.That(same.Code, Is.EqualTo(0), same.Errors);
        var reader = new LedgerReader(Ledger);
        var evaluations = reader.ReadAsync<EvaluationRow>("tiny").GetAwaiter().GetResult()
            .Select(e => (e.Round, e.Difficulty, e.Member, e.Examples, e.Correct)).Order().ToList();
        var rescores = reader.ReadAsync<RescoreRow>("tiny").GetAwaiter().GetResult();
        Assert.That(rescores.Select(r => (r.Round, r.Difficulty, r.Member, r.Examples, r.Correct)).Order(), Is.EqualTo(evaluations),
            "the same checkpoints on the same prompts decode to the same answers");
        Assert.That(rescores.Select(r => r.Member).Distinct().Order(), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(rescores.Select(r => r.Settings).Distinct(), Is.EqualTo(new[] { "examples=8 from=d0 below=none above=1 step=1" }));
        // Reversal's vocabulary is the ten digits and four specials: an entropy lies in [0, ln 14].
        Assert.That(rescores.Select(r => r.MeanEntropy), Is.All.InRange(0.0, Math.Log(14)));
        Assert.That(rescores.Select(r => r.MeanEntropy).Distinct().Count(), Is.GreaterThan(1));

        var again = Eval(spec, new RescoreSettings());
        Assert.That(again.Output, Does.Contain("round 2: already evaluated with examples=8"));
        Assert.That(reader.ReadAsync<RescoreRow>("tiny").GetAwaiter().GetResult(), Has.Count.EqualTo(rescores.Count), "nothing evaluated twice");

        var more = Eval(spec, new RescoreSettings(Examples: 40, To: 7), rounds: "last");
        Assert.That(more.Code, Is.EqualTo(0), more.Errors);
        var last = reader.ReadAsync<RescoreRow>("tiny").GetAwaiter().GetResult().Where(r => r.Settings.StartsWith("examples=40", StringComparison.Ordinal)).ToList();
        Assert.That(last.Select(r => r.Round).Distinct(), Is.EqualTo(new[] { 2 }));
        Assert.That(last.Where(r => r.Member == 0).Select(r => (r.Difficulty, r.Examples)), Is.EqualTo(new[]
        {
            (1, 4), (2, 8), (3, 8), // D0: the run's held-out prompts only (length 1 has 9 prompts: 4 held out)
            (4, 40), (5, 40), (6, 40), (7, 40),
        }));
        Assert.That(LedgerVerifier.VerifyAsync(Ledger).GetAwaiter().GetResult().Problems, Is.Empty);

        // The report shows both settings' rows, accuracy and entropy, a vote's two models averaged.
        string report = Path.Combine(dir, "report");
        Assert.That(ReportCommand.Execute(new Runner.Reports.ReportOptions(["tiny"], Ledger, Out: report), new StringWriter(), new StringWriter()), Is.EqualTo(0));
        var entropyTable = File.ReadAllLines(Path.Combine(report, "tables", "rescored-entropy.md"));
        var lastRow = entropyTable.Single(l => l.Contains("examples=40", StringComparison.Ordinal));
        double expected = last.Where(r => r.Difficulty == 7).Average(r => r.MeanEntropy);
        Assert.That(lastRow.TrimEnd('|', ' ').Split('|')[^1].Trim(), Is.EqualTo(expected.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(File.ReadAllText(Path.Combine(report, "index.html")), Does.Contain("id=\"rescored\""));
    }

    [Test]
    public void WithoutCheckpointsOrWithAReversedWindowItFailsInOneLine()
    {
        string spec = RunTinySpec();

        var reversed = Eval(spec, new RescoreSettings(From: 6, To: 4));
        Assert.That((reversed.Code, reversed.Errors.Trim()), Is.EqualTo((2, "runner: error: --from 6 is past --to 4")));
        var badRounds = Eval(spec, new RescoreSettings(), rounds: "3-1");
        Assert.That((badRounds.Code, badRounds.Errors.Trim()),
            Is.EqualTo((2, "runner: error: --rounds must be all, last or a list of rounds and ranges such as 0,5,10 or 72-100 (got '3-1')")));
        var range = Eval(spec, new RescoreSettings(Examples: 9), rounds: "1-2,0");
        Assert.That(range.Output, Does.Contain("round 0: ").And.Contain("round 1: ").And.Contain("round 2: "));
        Assert.That(new LedgerReader(Ledger).Files<RescoreRow>(), Has.Count.EqualTo(3));
        foreach (var file in new LedgerReader(Ledger).Files<RescoreRow>()) File.Delete(file); // back to none for what follows

        var elsewhere = Eval(spec, new RescoreSettings(), runs: Path.Combine(dir, "empty"));
        Assert.That(elsewhere.Code, Is.EqualTo(1));
        Assert.That(elsewhere.Output, Does.Contain("round 0: no checkpoint in"));
        Assert.That(elsewhere.Errors.Trim(), Does.StartWith("runner: error: no checkpoint to evaluate under").And.Not.Contain("\n"));
        Assert.That(new LedgerReader(Ledger).Files<RescoreRow>(), Is.Empty);
    }
}
