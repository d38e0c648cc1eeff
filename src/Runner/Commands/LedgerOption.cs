using System.CommandLine;

namespace Runner.Cli.Commands;

/// <summary>The --ledger option every command that reads or writes the ledger takes.</summary>
public static class LedgerOption
{
    public static Option<string> Create() => new("--ledger") { Description = "Ledger folder", DefaultValueFactory = _ => "ledger" };
}
