using System.Globalization;
using Spectre.Console;
using Runner.Core.Tasks;
using Runner.Engine.Runs;
using Runner.Engine.SelfImprovement;

namespace Runner.Cli.Display;

/// <summary>
/// Live progress of every run: a bar of training steps per arm x seed with the current round,
/// phase and loss. Without an interactive terminal (CI, pipes) it prints one line per round.
/// </summary>
public static class ProgressDisplay
{
    public static IReadOnlyList<RunResult> Run(IReadOnlyList<RunPlan> plans, Func<RunPlan, Func<ILoopObserver, RunResult>> start)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
            return plans.Select(plan => Announce(start(plan)(new LineObserver(plan)))).ToList();

        var results = new List<RunResult>();
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var tasks = plans.Select(p => context.AddTask(Label(p, "waiting"), autoStart: false, maxValue: p.TotalSteps)).ToList();
                for (int i = 0; i < plans.Count; i++)
                {
                    tasks[i].StartTask();
                    results.Add(start(plans[i])(new BarObserver(plans[i], tasks[i])));
                    tasks[i].Value = tasks[i].MaxValue;
                    tasks[i].Description = Label(plans[i], $"{Status(results[^1])}, frontier {results[^1].Rounds[^1].Frontier}");
                    tasks[i].StopTask();
                }
            });
        return results;
    }

    static string Status(RunResult result) =>
        result.Skipped ? $"already complete in the ledger ({result.RunId})"
        : result.ResumedAfterRound >= 0 ? $"done (resumed after round {result.ResumedAfterRound})"
        : result.SharedModelZero ? $"done (round 0 model 0 of {result.SharedRun})"
        : result.SharedThrough == 0 ? $"done (round 0 shared with {result.SharedRun})"
        : result.SharedThrough > 0 ? $"done (rounds 0-{result.SharedThrough} shared with {result.SharedRun})" : "done";

    static RunResult Announce(RunResult result)
    {
        if (result.Skipped || result.ResumedAfterRound >= 0 || result.SharedThrough >= 0)
            Console.WriteLine($"{result.Plan.ArmName} seed {result.Plan.Seed}: {Status(result)}");
        return result;
    }

    static string Label(RunPlan plan, string status) => Markup.Escape($"{plan.ArmName} seed {plan.Seed}: {status}");

    sealed class BarObserver(RunPlan plan, ProgressTask task) : ILoopObserver
    {
        public void PhaseStarted(int round, int steps) =>
            task.Description = Label(plan, $"round {round}/{plan.Spec.SelfImprove.Rounds} training");

        public void StepCompleted(int round, int step, double loss, double learningRate)
        {
            task.Increment(1);
            if (step % 10 == 0) task.Description = Label(plan, $"round {round}/{plan.Spec.SelfImprove.Rounds} training, loss {loss:F4}");
        }

        public void Labelling(int round, IReadOnlyList<Difficulty> difficulties, int count) =>
            task.Description = Label(plan, $"round {round}: labelling {count} at difficulty {string.Join(",", difficulties)}");

        public void Evaluating(int round, IReadOnlyList<Difficulty> difficulties) =>
            task.Description = Label(plan, $"round {round}: evaluating {difficulties[0]}..{difficulties[^1]}");
    }

    sealed class LineObserver(RunPlan plan) : ILoopObserver
    {
        public void RoundCompleted(RoundOutcome o) => Console.WriteLine(RoundLine(plan, o));
    }

    public static string RoundLine(RunPlan plan, RoundOutcome o)
    {
        var labels = o.Round == 0 ? "trained on D0"
            : $"labelled {string.Join(",", o.Difficulties)}: kept {o.LabelsKept}/{o.Labels.Count}, label accuracy {Percent(o.LabelAccuracyGenerated)} -> {Percent(o.LabelAccuracyKept)}";
        // A round that kept nothing has no kept accuracy; one the avalanche guard stopped was not trained (no loss).
        string loss = double.IsNaN(o.FinalLoss) ? "not trained" : $"loss {o.FinalLoss.ToString("F4", CultureInfo.InvariantCulture)}";
        return $"{plan.ArmName} seed {plan.Seed} round {o.Round}: {labels}; {loss}; frontier {o.Frontier} ({o.Wall.TotalSeconds:F0}s)";
    }

    static string Percent(double fraction) => double.IsNaN(fraction) ? "-" : (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
