using System.Globalization;
using Runner.Core.Evaluation;
using Runner.Core.Plans;
using Runner.Core.Tasks;
using Runner.Engine.Runs;

namespace Runner.Cli.Display;

/// <summary>
/// The end-of-run summary: exact-match accuracy (%) per difficulty per round, one table per arm x
/// seed; then each run's result in one line and, with several arms, the arms compared on what
/// the experiment is about: how far past D0 they solve, and whether they kept D0.
/// </summary>
public static class ResultsTable
{
    public static void Print(IReadOnlyList<RunResult> results, TextWriter output, bool terminal)
    {
        foreach (var result in results)
        {
            foreach (var table in Build(result))
            {
                output.WriteLine();
                table.Write(output, terminal);
            }
        }
        output.WriteLine();
        var headlines = results.Select(r => (Result: r, Headline: Headline(r))).ToList();
        foreach (var (result, headline) in headlines)
            output.WriteLine($"{result.Plan.ArmName} seed {result.Plan.Seed}: {headline?.Describe(Task(result)) ?? $"frontier {result.Result.Frontier}"}");
        if (results.Select(r => r.Plan.ArmName).Distinct().Count() > 1 && headlines.All(h => h.Headline is not null))
            output.WriteLine(CompareArms(headlines.Select(h => (h.Result.Plan.ArmName, h.Headline!)).ToList(), Task(results[0]), results[0].Plan.Spec.Eval.Solved));
        foreach (var result in results.Where(r => r.StopReason.IsAvalanche))
            output.WriteLine($"{result.Plan.ArmName} seed {result.Plan.Seed} stopped early: {result.StopReason}");
    }

    public static IReadOnlyList<ConsoleTable> Build(RunResult result) => AccuracyGrid.Build(
        $"{result.Plan.SpecName} / {result.Plan.ArmName} / seed {result.Plan.Seed}: exact match (%) per difficulty",
        result.Rounds.Select(r => new AccuracyRound(r.Round, Difficulty.Join(r.Difficulties), r.LabelsKept, r.Labels.Count,
            r.MeanAccuracy, r.Frontier)).ToList(),
        result.Plan.Spec.Eval.Solved);

    /// <summary>
    /// e.g. "reach past D0 (the largest difficulty up to which everything from length 11 is
    /// solved): self-improve 15, no-rounds 11; D0 retained (every D0 difficulty >= 99 %):
    /// self-improve 1/1 seeds, no-rounds 1/1 seeds". Several seeds of an arm give the mean reach.
    /// </summary>
    static string CompareArms(IReadOnlyList<(string Arm, Headline Headline)> runs, ITask task, double solved)
    {
        var arms = runs.GroupBy(r => r.Arm).ToList();
        string Reach(IGrouping<string, (string Arm, Headline Headline)> arm) =>
            arm.Average(r => r.Headline.Reach).ToString("0.#", CultureInfo.InvariantCulture) + (arm.Count() > 1 ? $" (mean of {arm.Count()} seeds)" : "");
        string Retained(IGrouping<string, (string Arm, Headline Headline)> arm) => $"{arm.Count(r => r.Headline.D0Retained)}/{arm.Count()}";
        int d0Max = runs[0].Headline.D0Max;
        return $"reach past D0 (the largest difficulty up to which everything from {task.Describe(d0Max + 1)} is solved): {string.Join(", ", arms.Select(a => $"{a.Key} {Reach(a)}"))}; " +
            $"D0 retained (every D0 difficulty >= {Core.Evaluation.Headline.Percent(solved)}): {string.Join(", ", arms.Select(a => $"{a.Key} {Retained(a)} seeds"))}";
    }

    static Headline? Headline(RunResult result) => result.Result.Evaluation.Count == 0 ? null
        : result.Result.Headline(result.Plan.Spec.Task.D0, result.Plan.Spec.Eval.Solved);

    static ITask Task(RunResult result) => TaskCatalog.Create(result.Plan.Spec.Task.Kind);
}
