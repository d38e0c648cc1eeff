using Runner.Core.Ledger.Diff;
using Runner.Core.Plans;
using Runner.Reports.Model;
using Runner.Reports.Tables;

namespace Runner.Reports.Sections;

/// <summary>
/// One row per arm: final and best frontier (mean ± sd over n seeds), rounds to the target, steps,
/// labels, examples and wall time per seed, and when the ledger has them the final reach past D0
/// and lowest D0 accuracy. The best value of each column with a clear direction is marked.
/// </summary>
public static class SummarySection
{
    public static TableView Build(ReportContext context)
    {
        var arms = context.Sides.SelectMany((s, side) => s.Arms.Select(a => (Side: side, Arm: a))).ToList();
        bool hasReach = arms.Any(a => a.Arm.Runs.Any(r => r.Metrics.Any(m => m.Metric == "reach")));
        bool hasD0 = arms.Any(a => a.Arm.Runs.Any(r => r.Metrics.Any(m => m.Metric == "d0_min_accuracy")));

        var final = arms.Select(a => a.Arm.Over(r => FinalRound(r) is { } f ? r.Rounds.First(x => x.Round == f).Frontier : null)).ToList();
        var best = arms.Select(a => a.Arm.Over(r => r.Rounds.Count == 0 ? null : r.Rounds.Max(x => x.Frontier))).ToList();
        var toTarget = arms.Select(a => a.Arm.Over(r => r.Rounds.FirstOrDefault(x => r.Stop(x).Rule == StopRule.Target)?.Round)).ToList();
        var wall = arms.Select(a => a.Arm.Over(r => r.Rounds.Sum(x => x.WallSeconds))).ToList();
        var reach = arms.Select(a => a.Arm.Over(r => FinalRound(r) is { } f ? r.Metric("reach", f) : null)).ToList();
        var d0 = arms.Select(a => a.Arm.Over(r => FinalRound(r) is { } f ? r.Metric("d0_min_accuracy", f) : null)).ToList();

        var bestFinal = Table.Best(final.Select(s => s?.Mean).ToList(), higherIsBetter: true);
        var bestBest = Table.Best(best.Select(s => s?.Mean).ToList(), higherIsBetter: true);
        var bestTarget = Table.Best(toTarget.Select(s => s?.Mean).ToList(), higherIsBetter: false);
        var bestWall = Table.Best(wall.Select(s => s?.Mean).ToList(), higherIsBetter: false);
        var bestReach = Table.Best(reach.Select(s => s?.Mean).ToList(), higherIsBetter: true);
        var bestD0 = Table.Best(d0.Select(s => s?.Mean).ToList(), higherIsBetter: true);

        var header = new List<string> { "arm", "seeds", "final frontier", "best frontier", "rounds to target" };
        if (hasReach) header.Add("final reach");
        if (hasD0) header.Add("final lowest D0 accuracy");
        header.AddRange(["steps", "labels generated", "labels kept", "examples trained", "wall time", "status"]);

        var rows = new List<IReadOnlyList<Cell>>();
        for (int i = 0; i < arms.Count; i++)
        {
            var (side, arm) = arms[i];
            var row = new List<Cell>
            {
                new(context.SeriesName(arm.Name, side)), new(Numbers.Int(arm.Seeds), Numeric: true),
                new(Numbers.MeanSd(final[i]), bestFinal[i], true), new(Numbers.MeanSd(best[i]), bestBest[i], true),
                new(RoundsToTarget(arm, toTarget[i]), bestTarget[i], toTarget[i] is not null),
            };
            if (hasReach) row.Add(new(Numbers.MeanSd(reach[i]), bestReach[i], true));
            if (hasD0) row.Add(new(Numbers.MeanSd(d0[i], "0.000"), bestD0[i], true));
            var steps = arm.Over(r => r.Rounds.Sum(x => x.Steps));
            int? batch = arm.Spec?.Training.Batch;
            row.AddRange(
            [
                new(Numbers.Count(steps?.Mean), Numeric: true),
                new(Numbers.Count(arm.Over(r => r.Rounds.Sum(x => x.LabelsGenerated))?.Mean), Numeric: true),
                new(Numbers.Count(arm.Over(r => r.Rounds.Sum(x => x.LabelsKept))?.Mean), Numeric: true),
                new(batch is { } b && steps is not null ? Numbers.Count(steps.Mean * b) : "–", Numeric: true),
                new(Numbers.Duration(wall[i]?.Mean), bestWall[i]),
                new(arm.AnyIncomplete ? $"{arm.Runs.Count(r => r.Incomplete)} of {arm.Seeds} incomplete" : "completed"),
            ]);
            rows.Add(row);
        }
        return TableView.Export(context.Exports, new Table("summary",
            "Summary per arm: mean ± sample sd over seeds; steps, labels, examples and wall time per seed; best in bold", header, rows));
    }

    /// <summary>The round whose model is the run's result: its runs row's final_round, or for a run cut short its last round.</summary>
    public static int? FinalRound(SeedRun run) => run.Row?.FinalRound is { } f && run.Rounds.Any(r => r.Round == f) ? f
        : run.Rounds.Count > 0 ? run.Rounds[^1].Round : null;

    static string RoundsToTarget(ArmResults arm, SeedStats? reached)
    {
        string target = arm.Spec?.SelfImprove.Stop.Target ?? "";
        if (target.Length == 0) return "no target";
        if (reached is null) return $"{target} not reached";
        int of = arm.Seeds;
        return reached.Seeds == of ? Numbers.MeanSd(reached) : $"{Numbers.MeanSd(reached)} ({reached.Seeds} of {of} seeds)";
    }
}
