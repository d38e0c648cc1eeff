using System.CommandLine;

namespace Runner.Cli.Commands;

/// <summary>`runner ledger ...`: commands about the ledger as a whole.</summary>
public static class LedgerCommand
{
    public static Command Create() => new("ledger", "Commands about the ledger as a whole") { LedgerVerifyCommand.Create(), LedgerCompactCommand.Create() };
}
