using System.CommandLine;
using Runner.Cli.Commands;

// runner: declarative self-improvement experiments. Each command is a thin layer over Runner.Core.
var root = new RootCommand("Runs self-improvement experiments on small transformers from YAML specs.")
{
    ValidateCommand.Create(),
    PlanCommand.Create(),
    RunCommand.Create(),
    BenchCommand.Create(),
    LsCommand.Create(),
    ShowCommand.Create(),
    LedgerCommand.Create(),
    DiffCommand.Create(),
};
return root.Parse(args).Invoke();
