using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Runner.Core.Ledger;
using Runner.Core.Plans;
using Runner.Core.Specs;
using Runner.Engine.Cost;
using Runner.Engine.Runs;

namespace Runner.Tests.EndToEnd;

/// <summary>`runner plan` with and without a calibration of the machine, and a run that records the plan's estimate beside its actual times.</summary>
public class PlanEstimateTests
{
    string dir = "";

    [SetUp] public void SetUp() => dir = Directory.CreateTempSubdirectory("runner-estimate-").FullName;
    [TearDown] public void TearDown() => Directory.Delete(dir, recursive: true);

    // A batch no other test uses: its calibration (in the test run's cache, RUNNER_CACHE) concerns this test alone.
    static readonly string Yaml = TinySpec.Yaml.Replace("batch: 16", "batch: 12");
    const string Shape = "1 layers, d_model 32, batch 12 on cpu (1 thread)";

    [Test]
    public async Task APlanEstimatesOnceCalibratedAndARunRecordsTheEstimateBesideItsTimes()
    {
        File.WriteAllText(Path.Combine(dir, "tiny.yaml"), Yaml);

        var cold = RunnerProcess.Run(dir, "plan", "tiny.yaml", "--threads", "1");
        Assert.That(cold.ExitCode, Is.EqualTo(0), cold.Stderr);
        Assert.That(cold.Stderr, Is.Empty);
        Assert.That(cold.Stdout, Does.Contain($"; no time estimate: this machine has no calibration of {Shape} yet " +
            "(`runner plan --calibrate` measures one: 14 training steps and 6 decode batches)"));
        Assert.That(Regex.IsMatch(cold.Stdout, @"\ncost: [0-9.]+ [GM]FLOP of training\n$"), cold.Stdout);

        var calibrate = RunnerProcess.Run(dir, "plan", "tiny.yaml", "--threads", "1", "--calibrate");
        Assert.That(calibrate.ExitCode, Is.EqualTo(0), calibrate.Stderr);
        Assert.That(calibrate.StderrLines, Has.Count.EqualTo(2), "both arms have the shape: it is measured once");
        Assert.That(calibrate.StderrLines[0], Is.EqualTo($"calibrating {Shape}: 14 training steps and 6 decode batches..."));
        var cached = Regex.Match(calibrate.StderrLines[1], @"^calibrated in [0-9.]+ s, cached in (.+/calibration/[0-9a-f]{16}\.json)$");
        Assert.That(cached.Success, calibrate.StderrLines[1]);
        string file = cached.Groups[1].Value;
        Assert.That(file, Does.StartWith(RunnerProcess.CalibrationCacheRoot), "in RUNNER_CACHE, not in the repository or the ledger");
        var calibration = JsonSerializer.Deserialize<Calibration>(File.ReadAllText(file))!;
        Assert.That(calibration.Key, Does.Contain("; device=cpu; threads=1;").And.Contain("; batch=12; decode_batch=20"));

        var warm = RunnerProcess.Run(dir, "plan", "tiny.yaml", "--threads", "1");
        Assert.That(warm.Stderr, Is.Empty, "a warm cache measures nothing");
        Assert.That(Regex.Matches(warm.Stdout, @"\nround  labelled +labels +steps +examples / model +training +estimate\n"), Has.Count.EqualTo(2));
        Assert.That(Regex.Matches(warm.Stdout, @"  cost: [0-9.]+ [GM]FLOP of training; about [0-9.]+ s on cpu \(training [0-9.]+ s, labelling [0-9.]+ s, " +
            @"evaluation [0-9.]+ s; 1 thread, calibrated \d{4}-\d\d-\d\d \d\d:\d\d UTC\)\n"), Has.Count.EqualTo(2));
        Assert.That(Regex.IsMatch(warm.Stdout, @"\ncost: [0-9.]+ [GM]FLOP of training, about [0-9.]+ s on this machine\n$"), warm.Stdout);

        var run = RunnerProcess.Run(dir, "run", "tiny.yaml", "--threads", "1");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);

        // Each round records the plan's estimate, as this calibration gives it.
        var plans = RunPlan.For(SpecLoader.Load(Path.Combine(dir, "tiny.yaml")));
        var metrics = (await new LedgerReader(Path.Combine(dir, "ledger")).ReadAsync<MetricRow>()).Where(m => m.Metric.StartsWith("estimated_")).ToList();
        foreach (var plan in plans)
        {
            var estimate = RunEstimate.For(RunForecast.For(plan), calibration);
            var recorded = metrics.Where(m => m.Arm == plan.ArmName).OrderBy(m => m.Round).ThenBy(m => m.Metric)
                .Select(m => $"{m.Round} {m.Metric} {m.Value:R}");
            Assert.That(recorded, Is.EqualTo(estimate.Rounds.SelectMany(r => new[]
            {
                $"{r.Round} estimated_eval_seconds {r.EvalSeconds:R}", $"{r.Round} estimated_label_seconds {r.LabelSeconds:R}",
                $"{r.Round} estimated_train_seconds {r.TrainSeconds:R}",
            })), plan.ArmName);
        }

        var ls = RunnerProcess.Run(dir, "ls");
        string si = ls.Stdout.Split('\n').Single(l => l.Contains(" si ")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
        var show = RunnerProcess.Run(dir, "show", si).Stdout.Split('\n');
        var header = show.SkipWhile(l => l != "time (s)").ElementAt(1).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(header, Is.EqualTo(new[] { "round", "train", "est", "label", "est", "filter", "eval", "est", "checkpoint", "ledger", "total", "est", "tokens", "trained", "tokens/s" }));
    }
}
