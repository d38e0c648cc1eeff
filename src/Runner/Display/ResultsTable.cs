using Runner.Core.Tasks;
using Runner.Engine.Runs;

namespace Runner.Cli.Display;

/// <summary>The end-of-run summary: exact-match accuracy (%) per difficulty per round, one table per arm x seed.</summary>
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
        if (results.Count > 1)
            output.WriteLine("final frontier: " + string.Join(", ", results.Select(r => $"{r.Plan.ArmName} seed {r.Plan.Seed} = {r.Rounds[^1].Frontier}")));
        foreach (var result in results.Where(r => r.StopReason.StartsWith("avalanche", StringComparison.Ordinal)))
            output.WriteLine($"{result.Plan.ArmName} seed {result.Plan.Seed} stopped early: {result.StopReason}");
    }

    public static IReadOnlyList<ConsoleTable> Build(RunResult result) => AccuracyGrid.Build(
        $"{result.Plan.SpecName} / {result.Plan.ArmName} / seed {result.Plan.Seed}: exact match (%) per difficulty",
        result.Rounds.Select(r => new AccuracyRound(r.Round, Difficulty.Join(r.Difficulties), r.LabelsKept, r.Labels.Count,
            r.MeanAccuracy, r.Frontier)).ToList(),
        result.Plan.Spec.Eval.Solved);
}
