using System.Globalization;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Engine.Runs;

namespace Runner.Cli.Display;

/// <summary>`runner plan`: what every arm x seed of a spec would do, before anything trains.</summary>
public static class PlanReport
{
    /// <summary>Long schedules show their first and last rounds (and where shared rounds end); the middle goes on the same way.</summary>
    const int HeadRounds = 4, TailRounds = 2;

    public static void Write(LoadedSpec spec, TextWriter output, bool terminal)
    {
        var forecasts = RunForecast.ForAll(RunPlan.For(spec));
        var first = forecasts[0].Plan.Spec;
        var task = TaskCatalog.Create(first.Task.Kind);
        var d0 = task.Levels(first.Task.D0.Min, first.Task.D0.Max);
        output.WriteLine($"{spec.Path}: {first.Name}, {RunCount(spec)}");
        output.WriteLine($"task {first.Task.Kind}: D0 {d0[0]}..{d0[^1]} ({d0.Count} difficulties)");
        foreach (var forecast in forecasts)
        {
            var s = forecast.Plan.Spec;
            output.WriteLine();
            output.WriteLine($"arm {forecast.Plan.ArmName}, seed {forecast.Plan.Seed}: {Count(forecast.Models)} model(s) of {Count(forecast.ParametersPerModel)} parameters " +
                $"({s.Model.Layers} layers, d_model {s.Model.DModel}), batch {Count(s.Training.Batch)}, device {s.Device}");
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
            Rounds(forecast).Write(output, terminal);
            output.WriteLine($"  total: {forecast.Rounds.Count} rounds, {Count(forecast.Steps)} steps, {Count(forecast.Labels)}{AtLeast(forecast)} labels, " +
                $"{Count(forecast.Examples)} training examples over {Count(forecast.Models)} model(s)");
        }
        output.WriteLine();
        output.WriteLine(Totals(forecasts));
    }

    /// <summary>What the whole spec trains, and what sharing rounds between its runs saves.</summary>
    public static string Totals(IReadOnlyList<RunForecast> forecasts) =>
        $"all {forecasts.Count} run(s): {Count(forecasts.Sum(f => f.Steps))} steps, {Count(forecasts.Sum(f => f.Labels))} labels, " +
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

    static ConsoleTable Rounds(RunForecast forecast)
    {
        var table = new ConsoleTable().AddColumn("round", rightAligned: true).AddColumn("labelled")
            .AddColumn("labels", rightAligned: true).AddColumn("steps", rightAligned: true).AddColumn("examples / model", rightAligned: true);
        var rounds = forecast.Rounds;
        // The first and last rounds, and where the shared rounds end; the rounds between go on the same way.
        var shown = Enumerable.Range(0, HeadRounds).Concat([forecast.SharedThrough, forecast.SharedThrough + 1])
            .Concat(Enumerable.Range(rounds.Count - TailRounds, TailRounds)).Where(i => i >= 0 && i < rounds.Count).ToHashSet();
        bool elide = rounds.Count > HeadRounds + TailRounds + 1;
        for (int i = 0; i < rounds.Count; i++)
        {
            if (elide && !shown.Contains(i))
            {
                if (shown.Contains(i - 1)) table.AddRow("...", "", "", "", "");
                continue;
            }
            var r = rounds[i];
            string labelled = r.Round == 0 ? "D0" : r.Difficulties is { } d ? Difficulty.Join(d) : "accelerated: decided by accuracy";
            table.AddRow(Count(r.Round), r.Shared ? $"{labelled} (shared)" : r.Round == 0 ? "D0 (trains)" : labelled,
                r.Shared ? "0" : Count(r.Labels) + (r.Difficulties is null ? AtLeast(forecast) : ""), r.Shared ? "0" : Count(r.Steps), r.Shared ? "0" : Count(r.Examples));
        }
        return table;
    }

    /// <summary>"+" where an accelerated round labels labels_per_round for each of the difficulties it takes, which the plan cannot know.</summary>
    static string AtLeast(RunForecast forecast) =>
        forecast.Plan.Spec.SelfImprove.LabelsPer == "difficulty" && forecast.Rounds.Any(r => r.Difficulties is null && !r.Shared) ? "+" : "";

    static string Noise(NoiseSpec? noise) => noise is null ? "none"
        : string.Create(CultureInfo.InvariantCulture, $"{noise.Kind} on {noise.Fraction:P0} of round {noise.Round}'s kept labels");

    static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
