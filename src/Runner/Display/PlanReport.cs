using System.Globalization;
using Runner.Core.Plans;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Engine.Cost;
using Runner.Engine.Model.Pretrained;
using Runner.Engine.Runs;

namespace Runner.Cli.Display;

/// <summary>`runner plan`: what every arm x seed of a spec would do, before anything trains.</summary>
public static class PlanReport
{
    /// <summary>Long schedules show their first and last rounds (and where shared rounds end); the middle goes on the same way.</summary>
    const int HeadRounds = 4, TailRounds = 2;

    /// <summary>
    /// The plan of every arm x seed (of a shard), with its training FLOPs and, where
    /// <paramref name="estimator"/> has this machine's calibration of the shape, how long it
    /// should take; then the totals.
    /// </summary>
    public static void Write(LoadedSpec spec, TextWriter output, bool terminal, Shard? shard = null, Estimator? estimator = null)
    {
        var all = RunPlan.For(spec);
        var first = all[0].Spec;
        var task = TaskCatalog.Create(first.Task.Kind);
        var d0 = task.Levels(first.Task.D0.Min, first.Task.D0.Max);
        output.WriteLine($"{spec.Path}: {first.Name}, {RunCount(spec)}");
        output.WriteLine($"task {first.Task.Kind}: D0 {d0[0]}..{d0[^1]} ({d0.Count} difficulties)");
        shard ??= Shard.All;
        var forecasts = RunForecast.ForAll(shard.Select(all)).Select(PretrainedPlan.WithBaseShape).ToList();
        if (shard != Shard.All) output.WriteLine(ShardLine(shard, all, forecasts));
        var estimates = forecasts.Select(f => estimator?.Estimate(f) ?? RunEstimate.For(f, null)).ToList();
        foreach (var (forecast, estimate) in forecasts.Zip(estimates))
        {
            var s = forecast.Plan.Spec;
            output.WriteLine();
            output.WriteLine($"arm {forecast.Plan.ArmName}, seed {forecast.Plan.Seed}: {Count(forecast.Models)} model(s) of " +
                (PretrainedPlan.Describe(s) ?? $"{Count(forecast.ParametersPerModel)} parameters ({s.Model.Layers} layers, d_model {s.Model.DModel})") +
                $", batch {Count(s.Training.Batch)}, device {s.Device}");
            output.WriteLine($"  filters {forecast.Filters}; schedule {forecast.Schedule}; noise {Noise(s.SelfImprove.Noise)}; " +
                $"stops at {forecast.StopsAt}{(s.SelfImprove.Stop.Avalanche is { } a ? $" unless the avalanche guard trips ({a.Action})" : "")}");
            if (forecast.SharedWith is { } source)
                output.WriteLine($"  starts from arm {source.ArmName}, seed {source.Seed}: " +
                    (forecast.SharesModelZero ? "model 0 of its round 0" : forecast.SharedThrough == 0 ? "round 0 shared" : $"rounds 0-{forecast.SharedThrough} shared") +
                    $" ({Count(forecast.SharedSteps)} steps{(forecast.SharedLabels > 0 ? $" and {Count(forecast.SharedLabels)} labels" : "")} not repeated)");
            output.WriteLine($"  eval: {Count(s.Eval.Examples)} held-out inputs per difficulty, " +
                (s.Eval.Below is int below ? $"end-{below}" : (s.Eval.From ?? s.Task.D0.Min).ToString(CultureInfo.InvariantCulture)) + " to " +
                (s.Eval.To is int to ? to.ToString(CultureInfo.InvariantCulture) : $"end{(s.Eval.Above > 0 ? $"+{s.Eval.Above}" : "")} (end: one past the largest trained)") +
                (s.Eval.Step > 1 ? $" step {s.Eval.Step}" : "") + $", solved at {s.Eval.Solved.ToString(CultureInfo.InvariantCulture)}");
            Rounds(forecast, estimate).Write(output, terminal);
            output.WriteLine($"  total: {forecast.Rounds.Count} rounds, {Count(forecast.Steps)} steps, {Count(forecast.Labels)}{AtLeast(forecast)} labels, " +
                $"{Count(forecast.Examples)} training examples over {Count(forecast.Models)} model(s)");
            output.WriteLine($"  cost: {Cost(estimate)}");
        }
        output.WriteLine();
        output.WriteLine((shard == Shard.All ? "all" : $"shard {shard}:") + " " + Totals(forecasts));
        output.WriteLine($"cost: {Quantities.Flops(estimates.Sum(e => e.TrainFlops))} of training" +
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

    /// <summary>
    /// "shard 2/3: seed 8, 2 of 6 run(s); base models trained: arm si, seed 8 (also for zero)": the runs a
    /// shard trains, and the round-0 models it trains for them with the arms that start from each
    /// (<see cref="SharedRounds"/>), or that it has none.
    /// </summary>
    public static string ShardLine(Shard shard, IReadOnlyList<RunPlan> all, IReadOnlyList<RunForecast> forecasts)
    {
        var seeds = Shard.Seeds(all);
        if (forecasts.Count == 0)
            return $"shard {shard}: no runs ({seeds.Count} seed(s) over {shard.Count} shards: shards past the number of seeds are empty)";
        var mine = Shard.Seeds(forecasts.Select(f => f.Plan).ToList());
        // A run sharing rounds with one that shares with another starts, in the end, from the first one's round 0.
        var byPlan = forecasts.ToDictionary(f => (object)f.Plan, ReferenceEqualityComparer.Instance);
        RunPlan Origin(RunForecast f) => f.SharedWith is { } source ? Origin(byPlan[source]) : f.Plan;
        var bases = forecasts.Where(f => f.SharedWith is null).Select(f =>
        {
            var sharers = forecasts.Where(s => s.SharedWith is not null && ReferenceEquals(Origin(s), f.Plan)).Select(s => s.Plan.ArmName).ToList();
            return $"arm {f.Plan.ArmName}, seed {f.Plan.Seed}{(sharers.Count > 0 ? $" (also for {string.Join(", ", sharers)})" : "")}";
        });
        return $"shard {shard}: seed{(mine.Count > 1 ? "s" : "")} {string.Join(", ", mine)}, {forecasts.Count} of {all.Count} run(s); " +
            $"base models trained: {string.Join("; ", bases)}";
    }

    /// <summary>What the runs train, and what sharing rounds between them saves: "6 run(s): 1,200 steps, ...".</summary>
    public static string Totals(IReadOnlyList<RunForecast> forecasts) =>
        $"{forecasts.Count} run(s): {Count(forecasts.Sum(f => f.Steps))} steps, {Count(forecasts.Sum(f => f.Labels))} labels, " +
        $"{Count(forecasts.Sum(f => f.Examples))} training examples; shared rounds save {Count(forecasts.Sum(f => f.SharedSteps))} steps " +
        $"and {Count(forecasts.Sum(f => f.SharedLabels))} labels";

    /// <summary>"2 arm(s) x 3 seed(s) = 6 run(s)", or per arm when arms override the seeds: "2 arm(s) with 2 + 1 seed(s) = 3 run(s)".</summary>
    public static string RunCount(LoadedSpec spec)
    {
        var seeds = spec.Arms.Select(a => a.Spec.Seeds.Count).ToList();
        return seeds.Distinct().Count() == 1
            ? $"{seeds.Count} arm(s) x {seeds[0]} seed(s) = {seeds.Sum()} run(s)"
            : $"{seeds.Count} arm(s) with {string.Join(" + ", seeds)} seed(s) = {seeds.Sum()} run(s)";
    }

    /// <summary>The rounds, each with what its training computes and, once calibrated, how long the round should take.</summary>
    static ConsoleTable Rounds(RunForecast forecast, RunEstimate estimate)
    {
        bool timed = estimate.Calibration is not null;
        var table = new ConsoleTable().AddColumn("round", rightAligned: true).AddColumn("labelled")
            .AddColumn("labels", rightAligned: true).AddColumn("steps", rightAligned: true).AddColumn("examples / model", rightAligned: true)
            .AddColumn("training", rightAligned: true);
        if (timed) table.AddColumn("estimate", rightAligned: true);
        var rounds = forecast.Rounds;
        // The first and last rounds, and where the shared rounds end; the rounds between go on the same way.
        var shown = Enumerable.Range(0, HeadRounds).Concat([forecast.SharedThrough, forecast.SharedThrough + 1])
            .Concat(Enumerable.Range(rounds.Count - TailRounds, TailRounds)).Where(i => i >= 0 && i < rounds.Count).ToHashSet();
        bool elide = rounds.Count > HeadRounds + TailRounds + 1;
        for (int i = 0; i < rounds.Count; i++)
        {
            if (elide && !shown.Contains(i))
            {
                if (shown.Contains(i - 1)) table.AddRow(["...", .. Enumerable.Repeat<ConsoleTable.Cell>("", timed ? 6 : 5)]);
                continue;
            }
            var r = rounds[i];
            string labelled = r.Round == 0 ? "D0" : r.Difficulties is { } d ? Difficulty.Join(d) : "accelerated: decided by accuracy";
            var cost = estimate.Round(r.Round)!;
            ConsoleTable.Cell[] cells = [Count(r.Round), r.Shared ? $"{labelled} (shared)" : r.Round == 0 ? "D0 (trains)" : labelled,
                r.Shared ? "0" : Count(r.Labels) + (r.Difficulties is null ? AtLeast(forecast) : ""), r.Shared ? "0" : Count(r.Steps), r.Shared ? "0" : Count(r.Examples),
                r.Shared || r.Steps == 0 ? "-" : Quantities.Flops(cost.TrainFlops)];
            table.AddRow(timed ? [.. cells, r.Shared ? "-" : Quantities.Duration(cost.Seconds!.Value)] : cells);
        }
        return table;
    }

    /// <summary>"+" where an accelerated round labels labels_per_round for each of the difficulties it takes, which the plan cannot know.</summary>
    static string AtLeast(RunForecast forecast) =>
        forecast.Plan.Spec.SelfImprove.LabelsPer == "difficulty" && forecast.Rounds.Any(r => r.Difficulties is null && !r.Shared) ? "+" : "";

    static string Noise(NoiseSpec? noise) => noise is null ? "none"
        : string.Create(CultureInfo.InvariantCulture, $"{noise.Kind} on {noise.Fraction:P0} of round {noise.Round}'s kept labels");

    static string Count(long n) => Quantities.Count(n);
}
