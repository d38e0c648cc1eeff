using System.CommandLine;
using System.Text.Json;
using Runner.Core.Ledger.Diff;
using Runner.Core.Specs;

namespace Runner.Cli.Commands;

/// <summary>`runner specs changed BASE HEAD`: the spec files HEAD adds or edits since it forked from BASE.</summary>
public static class SpecsChangedCommand
{
    static readonly string[] Formats = ["lines", "json"];

    public static Command Create()
    {
        var @base = new Argument<string>("BASE") { Description = "The revision the change is compared with, e.g. the pull request's base branch or SHA" };
        var head = new Argument<string>("HEAD") { Description = "The revision with the change", DefaultValueFactory = _ => "HEAD", Arity = ArgumentArity.ZeroOrOne };
        var under = new Option<string>("--under") { Description = "Folder of the spec files, from the repository root", HelpName = "DIR", DefaultValueFactory = _ => "specs" };
        var format = new Option<string>("--format") { Description = "lines (one path a line) or json (an array of paths)", HelpName = "lines|json", DefaultValueFactory = _ => "lines" };
        var command = new Command("changed",
            "Print the spec files (.yaml, .yml under --under) that HEAD adds, edits or renames since it forked from BASE (git diff BASE...HEAD), " +
            "one path a line from the repository root; deleted specs are left out. Exit codes: 0 ok (also when none changed), 2 an unknown revision or bad option.")
            { @base, head, under, format };
        command.SetAction(parse => Execute(parse.GetValue(@base)!, parse.GetValue(head)!, parse.GetValue(under)!, parse.GetValue(format)!,
            Directory.GetCurrentDirectory(), Console.Out, Console.Error));
        return command;
    }

    public static int Execute(string @base, string head, string under, string format, string repository, TextWriter output, TextWriter errors)
    {
        if (!Formats.Contains(format))
        {
            errors.WriteLine($"runner: error: --format must be lines or json (got '{format}')");
            return ExitCodes.InvalidArguments;
        }
        IReadOnlyList<string> changed;
        try
        {
            changed = ChangedSpecs.Between(repository, @base, head, under);
        }
        catch (RevisionException e)
        {
            errors.WriteLine($"runner: error: {e.Message}");
            return ExitCodes.InvalidArguments;
        }
        if (format == "json") output.WriteLine(JsonSerializer.Serialize(changed));
        else foreach (var path in changed) output.WriteLine(path);
        return ExitCodes.Ok;
    }
}
