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
    ReportCommand.Create(),
    SpecsCommand.Create(),
    CommentCommand.Create(),
    ExportCommand.Create(),
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // Bad arguments: one line each and where to find the usage, exit 2 (not the parser's 1, which means a failed run).
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"runner: error: {error.Message}");
    Console.Error.WriteLine($"usage: {string.Join(' ', CommandPath(parsed.CommandResult.Command))} --help");
    return ExitCodes.InvalidArguments;
}
try
{
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (Environment.GetEnvironmentVariable("RUNNER_DEBUG") is null)
{
    // A bug, not bad input: still one line; RUNNER_DEBUG=1 shows the stack trace.
    Console.Error.WriteLine($"runner: internal error: {e.GetType().Name}: {e.Message} (set RUNNER_DEBUG=1 for the stack trace)");
    return ExitCodes.Failed;
}

static IEnumerable<string> CommandPath(Command command) =>
    command.Parents.OfType<Command>().SelectMany(CommandPath).Append(command is RootCommand ? "runner" : command.Name);
