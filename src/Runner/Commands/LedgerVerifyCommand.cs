using System.CommandLine;
using Runner.Core.Ledger;

namespace Runner.Cli.Commands;

/// <summary>`runner ledger verify`: checks every ledger file and prints one line per problem, then a summary.</summary>
public static class LedgerVerifyCommand
{
    public static Command Create()
    {
        var ledger = LedgerOption.Create();
        var command = new Command("verify", "Check every ledger file: readable, expected columns, known schema version, right spec folder, no temp files, no duplicate keys") { ledger };
        command.SetAction(parse => Execute(parse.GetValue(ledger)!, Console.Out, Console.Error));
        return command;
    }

    public static int Execute(string ledger, TextWriter output, TextWriter errors) => LedgerErrors.Guard(errors, () =>
    {
        var verification = LedgerVerifier.VerifyAsync(ledger).GetAwaiter().GetResult();
        foreach (var problem in verification.Problems) output.WriteLine(problem);
        output.WriteLine($"{Count(verification.Files, "file")}, {Count(verification.Rows, "row")}, {Count(verification.Problems.Count, "problem")}");
        return verification.IsClean ? ExitCodes.Ok : ExitCodes.Failed;
    });

    static string Count(long n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
