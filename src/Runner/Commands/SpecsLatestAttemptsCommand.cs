using System.CommandLine;
using Runner.Core.Ci;
using Runner.Core.Plans;

namespace Runner.Cli.Commands;

/// <summary>
/// `runner specs latest-attempts DIR`: of the shard artifacts downloaded into DIR (one folder each, named
/// KIND-ID--I-of-N--attempt-K), the folder of each shard's latest attempt, one a line. CI's merge job copies
/// these into the ledger, and a re-run shard restores its state from them. Each artifact holds one folder of
/// its own name, so any download layout finds it: merged (DIR/NAME), or one folder per artifact (DIR/NAME/NAME,
/// as `gh run download` makes it).
/// </summary>
public static class SpecsLatestAttemptsCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("DIR") { Description = "Folder holding the downloaded artifacts, one folder each (actions/download-artifact without merge-multiple)" };
        var command = new Command("latest-attempts",
            "Print the folder of each shard's latest attempt among CI artifacts named KIND-ID--I-of-N--attempt-K in DIR (DIR/NAME, or DIR/NAME/NAME), one path a line " +
            "(sorted by kind, spec id and shard; nothing when DIR is missing or empty). Exit codes: 0 ok, 2 a folder whose name is not a shard artifact's.")
            { folder };
        command.SetAction(parse => Execute(parse.GetValue(folder)!, Console.Out, Console.Error));
        return command;
    }

    public static int Execute(string folder, TextWriter output, TextWriter errors)
    {
        if (!Directory.Exists(folder)) return ExitCodes.Ok;
        var found = new Dictionary<ShardArtifact, string>();
        foreach (var path in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            var inner = Path.Combine(path, Path.GetFileName(path));
            if (!ShardArtifact.TryParse(Path.GetFileName(path), out var artifact))
            {
                errors.WriteLine($"runner: error: {path}: not a shard artifact (KIND-ID--I-of-N--attempt-K, e.g. ledger-specs-copy--1-of-2--attempt-1)");
                return ExitCodes.InvalidArguments;
            }
            found[artifact] = Directory.Exists(inner) ? inner : path;
        }
        foreach (var latest in ShardArtifact.Latest(found.Keys))
            output.WriteLine(found[latest]);
        return ExitCodes.Ok;
    }
}
