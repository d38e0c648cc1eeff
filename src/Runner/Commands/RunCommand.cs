using System.CommandLine;
using Runner.Cli.Display;
using Runner.Core.Ledger;
using Runner.Engine.Cost;
using Runner.Engine.Runs;

namespace Runner.Cli.Commands;

/// <summary>`runner run SPEC`: trains every arm x seed and records each round in the ledger.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "The spec file to run" };
        var ledger = LedgerOption.Create();
        var runs = new Option<string>("--runs") { Description = "Folder for checkpoints (git-ignored)", DefaultValueFactory = _ => "runs" };
        var threads = PlanCommand.ThreadsOption();
        var requireClean = new Option<bool>("--require-clean") { Description = "Refuse to run with uncommitted changes (always on when CI=true)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan (as `runner plan`) and train nothing" };
        var command = new Command("run",
            "Train every arm x seed of a spec and record each round in the ledger. Runs the ledger has complete are skipped; " +
            "interrupted ones resume from their last recorded round.") { spec, ledger, runs, threads, requireClean, dryRun };
        command.SetAction(parse => parse.GetValue(dryRun) ? PlanCommand.Execute([parse.GetValue(spec)!], Console.Out, Console.Error, parse.GetValue(threads)) : Execute(new RunOptions(parse.GetValue(spec)!, parse.GetValue(ledger)!, parse.GetValue(runs)!,
            parse.GetValue(threads), parse.GetValue(requireClean) || Environment.GetEnvironmentVariable("CI") == "true")));
        return command;
    }

    public sealed record RunOptions(string Spec, string Ledger, string Runs, int Threads, bool RequireClean);

    public static int Execute(RunOptions options)
    {
        var loaded = SpecFiles.LoadAll([options.Spec], Console.Error);
        if (loaded is null) return ExitCodes.InvalidSpec;
        var spec = loaded[0];

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            // Provenance first: a dirty tree under CI is refused before torch even loads.
            var settings = new RunSettings(options.Ledger, options.Runs, options.RequireClean, CalibrationCache.Default());
            var git = SpecRunner.Provenance(spec.Path, settings);
            if (!git.InRepository) Console.Error.WriteLine("runner: note: not in a git repository; the ledger records git_sha 'unknown'");
            var runner = new SpecRunner(settings, RunEnvironment.Create(spec.Arms[0].Spec.Device, options.Threads));
            var plans = RunPlan.For(spec);
            var results = ProgressDisplay.Run(plans, plan => observer => runner.Run(plan, git, observer, cancel.Token));
            ResultsTable.Print(results, Console.Out, ConsoleTable.StdoutIsTerminal);
            Console.WriteLine($"ledger: {Path.GetFullPath(options.Ledger)}");
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("runner: cancelled; completed rounds are in the ledger and `runner run` resumes from them");
            return ExitCodes.Cancelled;
        }
        catch (DirtyTreeException e)
        {
            Console.Error.WriteLine($"runner: error: {e.Message}");
            return ExitCodes.DirtyTree;
        }
        catch (Exception e) when (e is RunException or LedgerException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"runner: error: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("RUNNER_DEBUG") is null)
        {
            // A bug, not bad input: still one line; RUNNER_DEBUG=1 shows the stack trace.
            Console.Error.WriteLine($"runner: internal error: {e.GetType().Name}: {e.Message} (set RUNNER_DEBUG=1 for the stack trace)");
            return ExitCodes.Failed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
