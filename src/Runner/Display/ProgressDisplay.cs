using System.Globalization;
using Runner.Core.Plans;
using Runner.Core.Tasks;
using Runner.Engine.Runs;
using Runner.Engine.SelfImprovement;
using Spectre.Console;

namespace Runner.Cli.Display;

/// <summary>
/// Live progress of every run: a bar of training steps per arm x seed with the current round,
/// phase and loss. Without an interactive terminal (CI, pipes) it prints one line per round.
/// </summary>
public static class ProgressDisplay
{
    /// <summary>Shows the progress of <paramref name="run"/>, which runs <paramref name="plans"/> in order and tells the observer it is given.</summary>
    public static IReadOnlyList<RunResult> Run(IReadOnlyList<RunPlan> plans, Func<ISpecObserver, IReadOnlyList<RunResult>> run)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive) return run(new Lines());

        IReadOnlyList<RunResult> results = [];
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var tasks = plans.ToDictionary(p => p, p => context.AddTask(Label(p, "waiting"), autoStart: false, maxValue: p.TotalSteps));
                results = run(new Bars(tasks));
            });
        return results;
    }

    /// <summary>One bar a run: started when the run starts, filled and labelled with its status when it ends.</summary>
    sealed class Bars(IReadOnlyDictionary<RunPlan, ProgressTask> tasks) : ISpecObserver
    {
        public ILoopObserver RunStarting(RunPlan plan)
        {
            tasks[plan].StartTask();
            return new BarObserver(plan, tasks[plan]);
        }

        public void RunFinished(RunResult result)
        {
            var task = tasks[result.Plan];
            task.Value = task.MaxValue;
            task.Description = Label(result.Plan, $"{Status(result)}, frontier {result.Rounds[^1].Frontier}");
            task.StopTask();
        }
    }

    /// <summary>Without a terminal: a line per round, and a line for a run that was skipped, resumed or shared.</summary>
    sealed class Lines : ISpecObserver
    {
        public ILoopObserver RunStarting(RunPlan plan) => new LineObserver(plan);

        public void RunFinished(RunResult result)
        {
            if (result.Skipped || result.ResumedAfterRound >= 0 || result.SharedThrough >= 0)
                Console.WriteLine($"{result.Plan.ArmName} seed {result.Plan.Seed}: {Status(result)}");
        }
    }

    static string Status(RunResult result) =>
        result.Skipped ? $"already complete in the ledger ({result.RunId})"
        : result.ResumedAfterRound >= 0 ? $"done (resumed after round {result.ResumedAfterRound})"
        : result.SharedModelZero ? $"done (round 0 model 0 of {result.SharedRun})"
        : result.SharedThrough == 0 ? $"done (round 0 shared with {result.SharedRun})"
        : result.SharedThrough > 0 ? $"done (rounds 0-{result.SharedThrough} shared with {result.SharedRun})" : "done";

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
