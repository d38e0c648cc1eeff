using System.CommandLine;
using Runner.Core.Ledger;

namespace Runner.Cli.Commands;

/// <summary>`runner ledger compact`: merges each table's per-round files of a spec into one file.</summary>
public static class LedgerCompactCommand
{
    public static Command Create()
    {
        var ledger = LedgerOption.Create();
        var spec = new Option<string?>("--spec") { Description = "Only this spec" };
        var command = new Command("compact",
            "Merge each table's small files per spec into one, keeping every row (run again after an interruption: duplicates are dropped)")
            { ledger, spec };
        command.SetAction(parse => Execute(parse.GetValue(ledger)!, parse.GetValue(spec), Console.Out, Console.Error));
        return command;
    }

    public static int Execute(string ledger, string? spec, TextWriter output, TextWriter errors) => LedgerErrors.Guard(errors, () =>
    {
        var compacted = new LedgerCompactor(ledger).CompactAsync(spec).GetAwaiter().GetResult();
        foreach (var folder in compacted)
        {
            var parts = new List<string>();
            if (folder.LeftoversRemoved > 0) parts.Add($"finished an interrupted compaction ({folder.LeftoversRemoved} merged files removed)");
            if (folder.FilesBefore > 0) parts.Add($"{folder.FilesBefore} files -> 1 ({folder.Rows} rows)");
            output.WriteLine($"{Path.GetRelativePath(ledger, folder.Folder)}: {string.Join("; ", parts)}");
        }
        output.WriteLine(compacted.Count == 0 ? "nothing to compact" : $"compacted {compacted.Count} folder(s)");
        return ExitCodes.Ok;
    });
}
