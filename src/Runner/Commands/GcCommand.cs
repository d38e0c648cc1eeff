using System.CommandLine;
using Runner.Cli.Display;
using Runner.Engine.Runs;

namespace Runner.Cli.Commands;

/// <summary>
/// `runner gc`: removes the checkpoints no later run can use (<see cref="CheckpointCollector"/>):
/// every round between a run's round 0 and its last recorded round, and folders of runs the ledger never recorded.
/// </summary>
public static class GcCommand
{
    public static Command Create()
    {
        var ledger = LedgerOption.Create();
        var runs = new Option<string>("--runs") { Description = "Folder of checkpoints, as given to `runner run`", DefaultValueFactory = _ => "runs" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be removed and remove nothing" };
        var command = new Command("gc",
            "Remove the checkpoints no run can use again: every round between a run's round 0 (the base model arms share) and its last " +
            "recorded round (what an interrupted run resumes from, and the final model), and the folders of runs the ledger never recorded. " +
            "Do not run it while `runner run` writes to the same folders.") { ledger, runs, dryRun };
        command.SetAction(parse => Execute(parse.GetValue(runs)!, parse.GetValue(ledger)!, parse.GetValue(dryRun), Console.Out, Console.Error));
        return command;
    }

    public static int Execute(string runs, string ledger, bool dryRun, TextWriter output, TextWriter errors) => LedgerErrors.Guard(errors, () =>
    {
        if (!Directory.Exists(runs))
        {
            output.WriteLine($"no checkpoints: {runs} does not exist");
            return ExitCodes.Ok;
        }
        var lastRecorded = CheckpointCollector.LastRecordedRounds(ledger);
        if (lastRecorded.Count == 0)
        {
            // Most likely the wrong --ledger: every folder would look unrecorded and go.
            errors.WriteLine($"runner: error: {ledger} records no rounds, so every checkpoint under {runs} would go; " +
                "pass the --ledger these runs wrote to (to start over, delete both folders yourself)");
            return ExitCodes.InvalidArguments;
        }
        var collections = CheckpointCollector.Plan(runs, lastRecorded);
        string verb = dryRun ? "would remove" : "removed";
        foreach (var c in collections.Where(c => c.Files.Count > 0))
        {
            output.WriteLine(c.InLedger
                ? $"{c.Folder}: {verb} {Rounds(c.Removed)} ({Quantities.Bytes(c.RemovedBytes)}); keeps {Rounds(c.Kept)} ({Quantities.Bytes(c.KeptBytes)})"
                : $"{c.Folder}: {verb} the whole folder ({Quantities.Bytes(c.RemovedBytes)}): {ledger} records no round of this run");
            if (!dryRun) CheckpointCollector.Remove(c);
        }
        output.WriteLine($"{(dryRun ? "dry run: would free" : "freed")} {Quantities.Bytes(collections.Sum(c => c.RemovedBytes))} " +
            $"in {collections.Sum(c => c.Removed.Count)} round checkpoint(s); kept {Quantities.Bytes(collections.Sum(c => c.KeptBytes))} " +
            $"in {collections.Sum(c => c.Kept.Count)}");
        return ExitCodes.Ok;
    });

    /// <summary>"round 1", "rounds 0, 5", "rounds 1-4, 7": runs of consecutive rounds joined.</summary>
    static string Rounds(IReadOnlyList<int> rounds)
    {
        if (rounds.Count == 0) return "no round";
        var parts = new List<string>();
        for (int i = 0; i < rounds.Count;)
        {
            int j = i;
            while (j + 1 < rounds.Count && rounds[j + 1] == rounds[j] + 1) j++;
            parts.Add(j == i ? $"{rounds[i]}" : j == i + 1 ? $"{rounds[i]}, {rounds[j]}" : $"{rounds[i]}-{rounds[j]}");
            i = j + 1;
        }
        return (rounds.Count == 1 ? "round " : "rounds ") + string.Join(", ", parts);
    }
}
