using System.CommandLine;
using Runner.Cli.Display;
using Runner.Engine.Cost;

namespace Runner.Cli.Commands;

/// <summary>
/// `runner plan SPEC...`: prints what each spec would run (arms, seeds, rounds, difficulties,
/// steps, examples, training FLOPs) without training, and how long it should take on this
/// machine where the calibration cache knows the shape (`--calibrate` measures it first).
/// </summary>
public static class PlanCommand
{
    public static Command Create()
    {
        var specs = new Argument<string[]>("spec") { Description = "Spec files to plan", Arity = ArgumentArity.OneOrMore };
        var set = SpecOptions.Set();
        var shard = SpecOptions.Shard();
        var threads = ThreadsOption();
        var calibrate = new Option<bool>("--calibrate")
        {
            Description = "Measure this machine's speed at each spec's shape first (seconds at small shapes, about a minute at the paper's on a CPU) " +
                "and cache it, so that later plans and runs estimate their time",
        };
        var command = new Command("plan", "Print what each arm x seed of a spec would do: models, rounds, difficulties, steps, labels, examples, " +
            "training FLOPs and, once calibrated, the time it should take; with --shard, which runs and base models that shard trains")
        {
            specs, set, shard, threads, calibrate,
        };
        command.SetAction(parse => Execute(parse.GetValue(specs)!, Console.Out, Console.Error, parse.GetValue(set), parse.GetValue(shard),
            parse.GetValue(threads), parse.GetValue(calibrate)));
        return command;
    }

    /// <summary>`--threads`, as `runner run` takes it: the plan's times are for that many.</summary>
    public static Option<int> ThreadsOption() => new("--threads")
    {
        Description = "CPU threads for torch (0: the numerics' default, 2 for portable, all cores for fast)", DefaultValueFactory = _ => 0,
    };

    public static int Execute(IReadOnlyList<string> paths, TextWriter output, TextWriter errors,
        IReadOnlyList<string>? overrides = null, string? shardText = null, int threads = 0, bool calibrate = false)
    {
        if (SpecOptions.ParseShard(shardText, errors) is not { } shard) return ExitCodes.InvalidArguments;
        var loaded = SpecFiles.LoadAll(paths, errors, overrides);
        if (loaded is null) return ExitCodes.InvalidSpec;
        var estimator = new Estimator(CalibrationCache.Default(), threads, calibrate, errors);
        for (int i = 0; i < loaded.Count; i++)
        {
            if (i > 0) output.WriteLine();
            PlanReport.Write(loaded[i], output, terminal: false, shard, estimator);
        }
        return ExitCodes.Ok;
    }
}
