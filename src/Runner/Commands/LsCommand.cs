using System.CommandLine;
using Runner.Cli.Display;
using Runner.Core.Ledger;

namespace Runner.Cli.Commands;

/// <summary>`runner ls`: one row per run in the ledger, including runs whose process died (status "incomplete").</summary>
public static class LsCommand
{
    public static Command Create()
    {
        var ledger = LedgerOption.Create();
        var spec = new Option<string?>("--spec") { Description = "Only the runs of this spec" };
        var command = new Command("ls", "List the runs in the ledger") { ledger, spec };
        command.SetAction(parse => Execute(parse.GetValue(ledger)!, parse.GetValue(spec), Console.Out, Console.Error, ConsoleTable.StdoutIsTerminal));
        return command;
    }

    public static int Execute(string ledger, string? spec, TextWriter output, TextWriter errors, bool terminal) => LedgerErrors.Guard(errors, () =>
    {
        var catalog = new RunCatalog(new LedgerReader(ledger));
        var runs = catalog.ListAsync(spec).GetAwaiter().GetResult();
        if (runs.Count == 0)
            output.WriteLine(spec is null ? $"no runs in {ledger}" : $"no runs of spec '{spec}' in {ledger}");
        else
            RunListTable.Write(runs, catalog.HeadlinesAsync(runs).GetAwaiter().GetResult(), output, terminal);
        return ExitCodes.Ok;
    });
}
