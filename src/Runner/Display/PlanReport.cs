using System.Globalization;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Engine.Runs;

namespace Runner.Cli.Display;

/// <summary>`runner plan`: what every arm x seed of a spec would do, before anything trains.</summary>
public static class PlanReport
{
    /// <summary>Long schedules show their first and last rounds; the middle goes on the same way.</summary>
    const int HeadRounds = 4, TailRounds = 2;

    public static void Write(LoadedSpec spec, TextWriter output, bool terminal, Shard? shard = null)
    {
        var all = RunPlan.For(spec);
        var first = all[0].Spec;
        var task = TaskCatalog.Create(first.Task.Kind);
        var d0 = task.Levels(first.Task.D0.Min, first.Task.D0.Max);
        output.WriteLine($"{spec.Path}: {first.Name}, {RunCount(spec)}");
        output.WriteLine($"task {first.Task.Kind}: D0 {d0[0]}..{d0[^1]} ({d0.Count} difficulties)");
        shard ??= Shard.All;
        var forecasts = RunForecast.ForAll(shard.Select(all));
        if (shard != Shard.All) output.WriteLine(ShardLine(shard, all, forecasts));
        foreach (var forecast in forecasts)
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
            Rounds(forecast).Write(output, terminal);
            output.WriteLine($"  total: {forecast.Rounds.Count} rounds, {Count(forecast.Steps)} steps, {Count(forecast.Labels)} labels, " +
                $"{Count(forecast.Examples)} training examples over {Count(forecast.Models)} model(s)");
        }
    }

    /// <summary>
    /// "shard 2/3: seed 8, 2 of 6 run(s); base models trained: arm si, seed 8 (also for zero)": the runs
    /// a shard trains and the round-0 models it trains for them, or that it has none.
    /// </summary>
    public static string ShardLine(Shard shard, IReadOnlyList<RunPlan> all, IReadOnlyList<RunForecast> forecasts)
    {
        var seeds = Shard.Seeds(all);
        if (forecasts.Count == 0)
            return $"shard {shard}: no runs ({seeds.Count} seed(s) over {shard.Count} shards: shards past the number of seeds are empty)";
        var mine = Shard.Seeds(forecasts.Select(f => f.Plan).ToList());
        var bases = forecasts.Where(f => f.SharesBaseWith is null).Select(f =>
        {
            var sharers = forecasts.Where(s => s.SharesBaseWith == f.Plan).Select(s => s.Plan.ArmName).ToList();
            return $"arm {f.Plan.ArmName}, seed {f.Plan.Seed}{(sharers.Count > 0 ? $" (also for {string.Join(", ", sharers)})" : "")}";
        });
        return $"shard {shard}: seed{(mine.Count > 1 ? "s" : "")} {string.Join(", ", mine)}, {forecasts.Count} of {all.Count} run(s); " +
            $"base models trained: {string.Join("; ", bases)}";
    }

    /// <summary>"2 arm(s) x 3 seed(s) = 6 run(s)", or per arm when arms override the seeds: "2 arm(s) with 2 + 1 seed(s) = 3 run(s)".</summary>
    public static string RunCount(LoadedSpec spec)
    {
        var seeds = spec.Arms.Select(a => a.Spec.Seeds.Count).ToList();
        return seeds.Distinct().Count() == 1
            ? $"{seeds.Count} arm(s) x {seeds[0]} seed(s) = {seeds.Sum()} run(s)"
            : $"{seeds.Count} arm(s) with {string.Join(" + ", seeds)} seed(s) = {seeds.Sum()} run(s)";
    }

    static ConsoleTable Rounds(RunForecast forecast)
    {
        var table = new ConsoleTable().AddColumn("round", rightAligned: true).AddColumn("labelled")
            .AddColumn("labels", rightAligned: true).AddColumn("steps", rightAligned: true).AddColumn("examples / model", rightAligned: true);
        var rounds = forecast.Rounds;
        for (int i = 0; i < rounds.Count; i++)
        {
            if (rounds.Count > HeadRounds + TailRounds + 1 && i == HeadRounds)
            {
                table.AddRow("...", "", "", "", "");
                i = rounds.Count - TailRounds;
            }
            var r = rounds[i];
            table.AddRow(Count(r.Round), r.Round == 0 ? Base(forecast) : r.Difficulties is { } d ? Difficulty.Join(d) : "accelerated: decided by accuracy",
                Count(r.Labels), Count(r.Steps), Count(r.Examples));
        }
        return table;
    }

    static string Base(RunForecast forecast) => forecast.SharesBaseWith is { } shared
        ? $"D0 ({(forecast.SharesModelZero ? "model 0 of" : "base model of")} arm {shared.ArmName}, seed {shared.Seed})" : "D0 (trains)";

    static string Noise(NoiseSpec? noise) => noise is null ? "none"
        : string.Create(CultureInfo.InvariantCulture, $"{noise.Kind} on {noise.Fraction:P0} of round {noise.Round}'s kept labels");

    static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
