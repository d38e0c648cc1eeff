using System.Globalization;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Engine.Cost;
using Runner.Engine.Runs;

namespace Runner.Cli.Display;

/// <summary>`runner plan`: what every arm x seed of a spec would do, before anything trains.</summary>
public static class PlanReport
{
    /// <summary>Long schedules show their first and last rounds; the middle goes on the same way.</summary>
    const int HeadRounds = 4, TailRounds = 2;

    /// <summary>
    /// The plan of every arm x seed, with its training FLOPs and, where <paramref name="estimator"/>
    /// has this machine's calibration of the shape, how long it should take; then the spec's totals.
    /// </summary>
    public static void Write(LoadedSpec spec, TextWriter output, bool terminal, Estimator? estimator = null)
    {
        var forecasts = RunForecast.ForAll(RunPlan.For(spec));
        var estimates = forecasts.Select(f => estimator?.Estimate(f) ?? RunEstimate.For(f, null)).ToList();
        var first = forecasts[0].Plan.Spec;
        var task = TaskCatalog.Create(first.Task.Kind);
        var d0 = task.Levels(first.Task.D0.Min, first.Task.D0.Max);
        output.WriteLine($"{spec.Path}: {first.Name}, {RunCount(spec)}");
        output.WriteLine($"task {first.Task.Kind}: D0 {d0[0]}..{d0[^1]} ({d0.Count} difficulties)");
        foreach (var (forecast, estimate) in forecasts.Zip(estimates))
        {
            var s = forecast.Plan.Spec;
            output.WriteLine();
            output.WriteLine($"arm {forecast.Plan.ArmName}, seed {forecast.Plan.Seed}: {Count(forecast.Models)} model(s) of {Count(forecast.ParametersPerModel)} parameters " +
                $"({s.Model.Layers} layers, d_model {s.Model.DModel}), batch {Count(s.Training.Batch)}, device {s.Device}");
            output.WriteLine($"  filters {forecast.Filters}; schedule {forecast.Schedule}; noise {Noise(s.SelfImprove.Noise)}; " +
                $"stops at {forecast.StopsAt}{(s.SelfImprove.Stop.Avalanche is { } a ? $" unless the avalanche guard trips ({a.Action})" : "")}");
            output.WriteLine($"  eval: {Count(s.Eval.Examples)} held-out inputs per difficulty, " +
                (s.Eval.Below is int below ? $"end-{below}" : (s.Eval.From ?? s.Task.D0.Min).ToString(CultureInfo.InvariantCulture)) + " to " +
                (s.Eval.To is int to ? to.ToString(CultureInfo.InvariantCulture) : $"end+{s.Eval.Above} (end: one past the largest trained)") +
                (s.Eval.Step > 1 ? $" step {s.Eval.Step}" : "") + $", solved at {s.Eval.Solved.ToString(CultureInfo.InvariantCulture)}");
            Rounds(forecast, estimate).Write(output, terminal);
            output.WriteLine($"  total: {forecast.Rounds.Count} rounds, {Count(forecast.Steps)} steps, {Count(forecast.Labels)} labels, " +
                $"{Count(forecast.Examples)} training examples over {Count(forecast.Models)} model(s)");
            output.WriteLine($"  cost: {Cost(estimate)}");
        }
        output.WriteLine();
        output.WriteLine($"all {forecasts.Count} run(s): {Quantities.Flops(estimates.Sum(e => e.TrainFlops))} of training" +
            (estimates.All(e => e.Seconds is not null) ? $", about {Quantities.Duration(estimates.Sum(e => e.Seconds!.Value))} on this machine" : ""));
    }

    /// <summary>"1.2 PFLOP of training; about 3 min 20 s on cpu ...", or why there is no time.</summary>
    static string Cost(RunEstimate estimate)
    {
        string flops = $"{Quantities.Flops(estimate.TrainFlops)} of training";
        if (estimate.Key is not { } key) return $"{flops}; no time estimate: its device is not on this machine";
        if (estimate.Calibration is not { } calibration)
            return $"{flops}; no time estimate: this machine has no calibration of {key.Describe()} yet " +
                $"(`runner plan --calibrate` measures one: {Calibrator.Work})";
        return $"{flops}; about {Quantities.Duration(estimate.Seconds!.Value)} on {key.Device} " +
            $"(training {Quantities.Duration(estimate.TrainSeconds!.Value)}, labelling {Quantities.Duration(estimate.LabelSeconds!.Value)}, " +
            $"evaluation {Quantities.Duration(estimate.EvalSeconds!.Value)}; {key.Threads} thread{(key.Threads == 1 ? "" : "s")}, " +
            $"calibrated {calibration.MeasuredUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC)";
    }

    /// <summary>"2 arm(s) x 3 seed(s) = 6 run(s)", or per arm when arms override the seeds: "2 arm(s) with 2 + 1 seed(s) = 3 run(s)".</summary>
    public static string RunCount(LoadedSpec spec)
    {
        var seeds = spec.Arms.Select(a => a.Spec.Seeds.Count).ToList();
        return seeds.Distinct().Count() == 1
            ? $"{seeds.Count} arm(s) x {seeds[0]} seed(s) = {seeds.Sum()} run(s)"
            : $"{seeds.Count} arm(s) with {string.Join(" + ", seeds)} seed(s) = {seeds.Sum()} run(s)";
    }

    static ConsoleTable Rounds(RunForecast forecast, RunEstimate estimate)
    {
        bool timed = estimate.Calibration is not null;
        var table = new ConsoleTable().AddColumn("round", rightAligned: true).AddColumn("labelled")
            .AddColumn("labels", rightAligned: true).AddColumn("steps", rightAligned: true).AddColumn("examples / model", rightAligned: true)
            .AddColumn("training", rightAligned: true);
        if (timed) table.AddColumn("estimate", rightAligned: true);
        var rounds = forecast.Rounds;
        for (int i = 0; i < rounds.Count; i++)
        {
            if (rounds.Count > HeadRounds + TailRounds + 1 && i == HeadRounds)
            {
                table.AddRow(["...", .. Enumerable.Repeat<ConsoleTable.Cell>("", timed ? 6 : 5)]);
                i = rounds.Count - TailRounds;
            }
            var r = rounds[i];
            var cost = estimate.Round(r.Round)!;
            ConsoleTable.Cell[] cells = [Count(r.Round), r.Round == 0 ? Base(forecast) : r.Difficulties is { } d ? Difficulty.Join(d) : "accelerated: decided by accuracy",
                Count(r.Labels), Count(r.Steps), Count(r.Examples), r.Steps == 0 ? "-" : Quantities.Flops(cost.TrainFlops)];
            table.AddRow(timed ? [.. cells, Quantities.Duration(cost.Seconds!.Value)] : cells);
        }
        return table;
    }

    static string Base(RunForecast forecast) => forecast.SharesBaseWith is { } shared
        ? $"D0 ({(forecast.SharesModelZero ? "model 0 of" : "base model of")} arm {shared.ArmName}, seed {shared.Seed})" : "D0 (trains)";

    static string Noise(NoiseSpec? noise) => noise is null ? "none"
        : string.Create(CultureInfo.InvariantCulture, $"{noise.Kind} on {noise.Fraction:P0} of round {noise.Round}'s kept labels");

    static string Count(long n) => Quantities.Count(n);
}
