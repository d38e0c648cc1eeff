using System.CommandLine;
using Runner.Cli.Display;
using Runner.Core.Ledger;
using Runner.Core.Plans;
using Runner.Engine;
using Runner.Engine.Cost;
using Runner.Engine.Native;
using Runner.Engine.Runs;
using Runner.Reports;

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
        var set = SpecOptions.Set();
        var shard = SpecOptions.Shard();
        var devices = new Option<string?>("--devices")
        {
            Description = "One process per local GPU, each training its shard of the runs: all (CUDA_VISIBLE_DEVICES's, else every GPU) or indices, e.g. 0,1,2,3",
            HelpName = "all|I,J,...",
        };
        var noReport = new Option<bool>("--no-report") { Description = "Do not render the report (reports/<spec name>/index.html) at the end" };
        var command = new Command("run",
            "Train every arm x seed of a spec and record each round in the ledger. Runs the ledger has complete are skipped; " +
            "interrupted ones resume from their last recorded round.") { spec, ledger, runs, threads, requireClean, dryRun, set, shard, devices, noReport };
        command.SetAction(parse => parse.GetValue(dryRun)
            ? PlanCommand.Execute([parse.GetValue(spec)!], Console.Out, Console.Error, parse.GetValue(set), parse.GetValue(shard), parse.GetValue(threads))
            : Execute(new RunOptions(parse.GetValue(spec)!, parse.GetValue(ledger)!, parse.GetValue(runs)!,
                parse.GetValue(threads), parse.GetValue(requireClean) || Environment.GetEnvironmentVariable("CI") == "true",
                parse.GetValue(set)!, parse.GetValue(shard), !parse.GetValue(noReport), parse.GetValue(devices))));
        return command;
    }

    /// <param name="Shard">--shard as given: I/N, auto, or null for every run.</param>
    /// <param name="Report">Render the spec's report at the end.</param>
    /// <param name="Devices">--devices as given: one child process per GPU (<see cref="DeviceProcesses"/>), or null for this process alone.</param>
    public sealed record RunOptions(string Spec, string Ledger, string Runs, int Threads, bool RequireClean,
        IReadOnlyList<string>? Overrides = null, string? Shard = null, bool Report = true, string? Devices = null);

    public static int Execute(RunOptions options)
    {
        if (SpecOptions.ParseShard(options.Shard, Console.Error) is not { } shard) return ExitCodes.InvalidArguments;
        var loaded = SpecFiles.LoadAll([options.Spec], Console.Error, options.Overrides);
        if (loaded is null) return ExitCodes.InvalidSpec;
        var spec = loaded[0];
        var all = RunPlan.For(spec);
        var plans = shard.Select(all);
        if (plans.Count == 0)
        {
            Console.WriteLine($"{spec.Path}: {PlanReport.ShardLine(shard, all, [])}; nothing to run");
            return ExitCodes.Ok;
        }
        if (shard != Shard.All) Console.WriteLine($"{spec.Path}: {PlanReport.ShardLine(shard, all, RunForecast.ForAll(plans))}");

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            // Ctrl+C reaches the children too; this process waits for them to stop.
            if (options.Devices is not null) return DeviceProcesses.Execute(options, spec, shard, plans);
            // Provenance first: a dirty tree under CI is refused before torch even loads.
            var settings = new RunSettings(options.Ledger, options.Runs, options.RequireClean, CalibrationCache.Default());
            var git = SpecRunner.Provenance(spec.Path, settings);
            if (!git.InRepository) Console.Error.WriteLine("runner: note: not in a git repository; the ledger records git_sha 'unknown'");
            var runner = new SpecRunner(settings, RunEnvironment.Create(spec.Arms[0].Spec.Device, options.Threads, spec.Arms[0].Spec.Numerics));
            var results = ProgressDisplay.Run(plans, observer => runner.RunAll(spec, shard, git, observer, cancel.Token));
            ResultsTable.Print(results, Console.Out, ConsoleTable.StdoutIsTerminal);
            Console.WriteLine($"ledger: {Path.GetFullPath(options.Ledger)}");
            // The page to open: the same as `runner report <name> --ledger <ledger>` renders.
            return options.Report
                ? ReportCommand.Execute(new ReportOptions([spec.Base.Name], options.Ledger), Console.Out, Console.Error)
                : ExitCodes.Ok;
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
