using System.CommandLine;
using Runner.Cli.Display;
using Runner.Core.Plans;
using Runner.Engine.Runs;

namespace Runner.Cli.Commands;

/// <summary>`runner validate SPEC...`: checks specs without training anything.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var specs = new Argument<string[]>("spec") { Description = "Spec files to check", Arity = ArgumentArity.OneOrMore };
        var set = SpecOptions.Set();
        var command = new Command("validate", "Check spec files and report every problem with its file, line and key") { specs, set };
        command.SetAction(parse => Execute(parse.GetValue(specs)!, Console.Out, Console.Error, parse.GetValue(set)));
        return command;
    }

    public static int Execute(IReadOnlyList<string> paths, TextWriter output, TextWriter errors, IReadOnlyList<string>? overrides = null)
    {
        var loaded = SpecFiles.LoadAll(paths, errors, overrides);
        if (loaded is null) return ExitCodes.InvalidSpec;
        foreach (var spec in loaded)
        {
            var plans = RunPlan.For(spec);
            output.WriteLine($"{spec.Path}: ok ({PlanReport.RunCount(spec)}, " +
                $"{RunForecast.ForAll(plans).Sum(f => f.Steps)} training steps)");
        }
        return ExitCodes.Ok;
    }
}
