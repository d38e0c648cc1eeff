using System.CommandLine;
using Runner.Core.Ci;
using Runner.Core.Ledger;
using Runner.Core.Plans;
using Runner.Core.Specs;
using Runner.Engine.Runs;

namespace Runner.Cli.Commands;

/// <summary>
/// `runner specs promote SPEC --from DIR`: copies into the ledger the runs of another commit's ledger (a pull
/// request's merged results) that are valid for this checkout (<see cref="Promotion"/>), so `runner run` skips
/// them and trains only the rest. CI runs it on main after a merge.
/// </summary>
public static class SpecsPromoteCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("SPEC") { Description = "Spec file" };
        var from = new Option<string>("--from") { Description = "Ledger holding the other commit's results (e.g. the pull request's merged ledger)", HelpName = "DIR", Required = true };
        var ledger = LedgerOption.Create();
        var set = SpecOptions.Set();
        var shard = SpecOptions.Shard();
        var command = new Command("promote",
            "Copy into --ledger the completed runs in --from whose run key this checkout shares: the same resolved spec, arm and seed, " +
            "and the same committed code (ledger/, runs/ and reports/ aside). Prints a line per run of the spec (of --shard's runs only): promoted, or to run and why. " +
            "Exit codes: 0 ok (also when nothing is promoted), 1 an unreadable ledger or a file that differs from one already in --ledger, 2 a bad spec.")
            { spec, from, ledger, set, shard };
        command.SetAction(parse => Execute(parse.GetValue(spec)!, parse.GetValue(from)!, parse.GetValue(ledger)!, parse.GetValue(set)!,
            parse.GetValue(shard), Console.Out, Console.Error));
        return command;
    }

    public static int Execute(string specPath, string from, string ledger, IReadOnlyList<string> overrides, string? shardText, TextWriter output, TextWriter errors)
    {
        var shard = SpecOptions.ParseShard(shardText, errors);
        if (shard is null) return ExitCodes.InvalidArguments;
        var loaded = SpecFiles.LoadAll([specPath], errors, overrides);
        if (loaded is null) return ExitCodes.InvalidSpec;
        // A shard's job promotes its own runs only, as it trains only them.
        var plans = shard.Select(RunPlan.For(loaded[0]));
        var wanted = plans.Select(p => new WantedRun(SpecCanonical.Hash(p.Spec), p.ArmName, p.Seed)).ToList();

        var git = GitProvenance.Capture(specPath, [Path.GetFullPath(from), Path.GetFullPath(ledger)]);
        List<RunRow> candidates;
        try
        {
            candidates = Directory.Exists(from) ? new LedgerReader(from).ReadAsync<RunRow>().GetAwaiter().GetResult() : [];
        }
        catch (Exception e) when (e is LedgerException or IOException)
        {
            errors.WriteLine($"runner: error: {from}: {e.Message}");
            return ExitCodes.Failed;
        }
        var decisions = git.IsDirty
            ? wanted.Select(w => new PromotionDecision(w, null, "this checkout has uncommitted changes")).ToList()
            : Promotion.Decide(wanted, git.CodeTree, candidates);

        var promoted = decisions.Where(d => d.Promoted).ToList();
        output.WriteLine($"{specPath}: promoted {promoted.Count} of {decisions.Count} run(s) from {from}; {decisions.Count - promoted.Count} to run");
        foreach (var decision in decisions)
        {
            if (decision.From is { } run)
            {
                foreach (var file in Promotion.FilesOf(from, run.RunId))
                {
                    var target = Path.Combine(ledger, file);
                    if (File.Exists(target))
                    {
                        if (File.ReadAllBytes(target).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(from, file)))) continue;
                        errors.WriteLine($"runner: error: {target} exists and differs from {Path.Combine(from, file)}");
                        return ExitCodes.Failed;
                    }
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(Path.Combine(from, file), target);
                }
                output.WriteLine($"promoted: arm {decision.Run.Arm}, seed {decision.Run.Seed} ({run.RunId}, commit {Short(run.GitSha)}): {decision.Reason}");
            }
            else output.WriteLine($"to run: arm {decision.Run.Arm}, seed {decision.Run.Seed}: {decision.Reason}");
        }
        return ExitCodes.Ok;
    }

    static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;
}
