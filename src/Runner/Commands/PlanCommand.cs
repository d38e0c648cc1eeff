using System.CommandLine;
using Runner.Cli.Display;

namespace Runner.Cli.Commands;

/// <summary>`runner plan SPEC...`: prints what each spec would run (arms, seeds, rounds, difficulties, steps, examples) without training.</summary>
public static class PlanCommand
{
    public static Command Create()
    {
        var specs = new Argument<string[]>("spec") { Description = "Spec files to plan", Arity = ArgumentArity.OneOrMore };
        var set = SpecOptions.Set();
        var shard = SpecOptions.Shard();
        var command = new Command("plan", "Print what each arm x seed of a spec would do: models, rounds, difficulties, steps, labels, examples; " +
            "with --shard, which runs and base models that shard trains") { specs, set, shard };
        command.SetAction(parse => Execute(parse.GetValue(specs)!, Console.Out, Console.Error, parse.GetValue(set), parse.GetValue(shard)));
        return command;
    }

    public static int Execute(IReadOnlyList<string> paths, TextWriter output, TextWriter errors,
        IReadOnlyList<string>? overrides = null, string? shardText = null)
    {
        if (SpecOptions.ParseShard(shardText, errors) is not { } shard) return ExitCodes.InvalidArguments;
        var loaded = SpecFiles.LoadAll(paths, errors, overrides);
        if (loaded is null) return ExitCodes.InvalidSpec;
        for (int i = 0; i < loaded.Count; i++)
        {
            if (i > 0) output.WriteLine();
            PlanReport.Write(loaded[i], output, terminal: false, shard);
        }
        return ExitCodes.Ok;
    }
}
