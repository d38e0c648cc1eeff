using System.CommandLine;
using Runner.Core.Ledger;

namespace Runner.Cli.Commands;

/// <summary>`runner ledger verify`: checks every ledger file and prints one line per problem, then a summary.</summary>
public static class LedgerVerifyCommand
{
    public static Command Create()
    {
        var ledger = LedgerOption.Create();
        var command = new Command("verify", "Check every ledger file: readable, expected columns, known schema version, right spec folder, no temp files, no duplicate keys; Git LFS pointers (a table not fetched) are listed apart and are no problem") { ledger };
        command.SetAction(parse => Execute(parse.GetValue(ledger)!, Console.Out, Console.Error));
        return command;
    }

    public static int Execute(string ledger, TextWriter output, TextWriter errors) => LedgerErrors.Guard(errors, () =>
    {
        var verification = LedgerVerifier.VerifyAsync(ledger).GetAwaiter().GetResult();
        foreach (var problem in verification.Problems) output.WriteLine(problem);
        foreach (var file in verification.NotFetched) output.WriteLine($"{file}: not fetched (a Git LFS pointer)");
        string notFetched = verification.NotFetched.Count == 0 ? ""
            : $"; {Count(verification.NotFetched.Count, "file")} not fetched, which is no problem (`git lfs pull --include \"ledger/labels/**\"` fetches them)";
        output.WriteLine($"{Count(verification.Files, "file")}, {Count(verification.Rows, "row")}, {Count(verification.Problems.Count, "problem")}{notFetched}");
        return verification.IsClean ? ExitCodes.Ok : ExitCodes.Failed;
    });

    static string Count(long n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
