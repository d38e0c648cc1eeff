using System.CommandLine;
using Runner.Cli.Display;
using Runner.Core.Ledger;

namespace Runner.Cli.Commands;

/// <summary>`runner show RUN`: one run's provenance, rounds and accuracies, found by id or a unique id prefix.</summary>
public static class ShowCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "Run id, or a prefix of exactly one run id" };
        var ledger = LedgerOption.Create();
        var command = new Command("show", "Show one run: provenance, rounds, accuracy per difficulty") { run, ledger };
        command.SetAction(parse => Execute(parse.GetValue(run)!, parse.GetValue(ledger)!, Console.Out, Console.Error, ConsoleTable.StdoutIsTerminal));
        return command;
    }

    public static int Execute(string run, string ledger, TextWriter output, TextWriter errors, bool terminal) => LedgerErrors.Guard(errors, () =>
    {
        var catalog = new RunCatalog(new LedgerReader(ledger));
        var matches = catalog.FindAsync(run).GetAwaiter().GetResult();
        if (matches.Count != 1)
        {
            errors.WriteLine(matches.Count == 0
                ? $"runner: error: no run '{run}' in {ledger} (`runner ls` lists them)"
                : $"runner: error: run '{run}' is ambiguous in {ledger}; it matches: {string.Join(", ", matches.Select(m => m.RunId))}");
            return ExitCodes.NoSuchRun;
        }
        RunReport.Write(catalog.DetailsAsync(matches[0]).GetAwaiter().GetResult(), output, terminal);
        return ExitCodes.Ok;
    });
}
