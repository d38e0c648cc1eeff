using System.CommandLine;
using Runner.Cli.Commands;

namespace Runner.Cli;

/// <summary>The command tree of `runner`: one place, so the program and the docs test (docs/cli.md) see the same commands.</summary>
public static class RunnerCommands
{
    public static RootCommand Create() => new("Runs self-improvement experiments on small transformers from YAML specs. " +
        "Concepts: docs/concepts.md; every command and option: docs/cli.md")
    {
        ValidateCommand.Create(),
        PlanCommand.Create(),
        RunCommand.Create(),
        EvalCommand.Create(),
        BenchCommand.Create(),
        LsCommand.Create(),
        ShowCommand.Create(),
        LedgerCommand.Create(),
        GcCommand.Create(),
        DiffCommand.Create(),
        ReportCommand.Create(),
        SpecsCommand.Create(),
        CommentCommand.Create(),
        ExportCommand.Create(),
    };
}
