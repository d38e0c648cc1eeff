using System.CommandLine;
using Runner.Cli.Display;
using Runner.Core.Ledger;
using Runner.Core.Ledger.Diff;
using Spectre.Console;

namespace Runner.Cli.Commands;

/// <summary>`runner diff REV_A [REV_B]`: compares the results recorded at two git revisions.</summary>
public static class DiffCommand
{
    const string Description = """
        Compare the results recorded at two git revisions (SHA, short SHA, branch, tag, HEAD~1, ...) of the
        repository holding the ledger; without REV_B, compare with the working tree.
        Results of a revision: the ledger files as committed in its tree (read from git, no checkout); if that tree
        has no ledger rows (of --spec), the rows of the working-tree ledger whose git_sha is that revision's commit.
        Results of the working tree: the ledger files on disk now.
        Per spec, arm and round: the mean frontier and, per difficulty, the mean accuracy over seeds (the latest run
        of each seed), B - A, and a verdict: better or worse when |B - A| exceeds the noise (accuracy: 2 binomial
        standard errors, at least 0.01, or 2x the pooled spread over seeds; frontier: 1, or 2x the spread), else
        within noise; "only in A/B" when one side lacks it.
        Exit codes: 0 ok, 1 unreadable ledger or no results on a side, 2 bad arguments or revision,
        3 regression (with --fail-on-regression).
        """;

    static readonly string[] Formats = ["table", "md", "json"];

    public static Command Create()
    {
        var revisionA = new Argument<string>("REV_A") { Description = "The revision to compare from (A)" };
        var revisionB = new Argument<string?>("REV_B") { Description = "The revision to compare with (B); default: the working tree", Arity = ArgumentArity.ZeroOrOne };
        var ledger = new Option<string>("--ledger") { Description = "Ledger folder", HelpName = "DIR", DefaultValueFactory = _ => "ledger" };
        var format = new Option<string>("--format") { Description = "table, md (a Markdown PR comment) or json", HelpName = "table|md|json", DefaultValueFactory = _ => "table" };
        var failOn = new Option<double?>("--fail-on-regression")
        {
            Description = "Exit 3 when an accuracy is worse (beyond noise) by more than THRESHOLD, e.g. 0.05, or a mean frontier is worse by 1 or more",
            HelpName = "THRESHOLD",
        };
        var spec = new Option<string?>("--spec") { Description = "Compare only this spec", HelpName = "NAME" };
        var command = new Command("diff", Description) { revisionA, revisionB, ledger, format, failOn, spec };
        command.SetAction(parse => Execute(
            new DiffOptions(parse.GetValue(revisionA)!, parse.GetValue(revisionB), parse.GetValue(ledger)!, parse.GetValue(format)!,
                parse.GetValue(failOn), parse.GetValue(spec)),
            Console.Out, Console.Error,
            interactive: AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected));
        return command;
    }

    /// <param name="RevisionB">null: the working tree.</param>
    /// <param name="FailOnRegression">null: never exit 3.</param>
    public sealed record DiffOptions(
        string RevisionA,
        string? RevisionB = null,
        string Ledger = "ledger",
        string Format = "table",
        double? FailOnRegression = null,
        string? Spec = null);

    public static int Execute(DiffOptions options, TextWriter output, TextWriter errors, bool interactive = false)
    {
        if (!Formats.Contains(options.Format))
            return Fail(errors, ExitCodes.InvalidArguments, $"--format must be table, md or json (got '{options.Format}')");
        if (options.FailOnRegression is < 0 || options.FailOnRegression is double.NaN)
            return Fail(errors, ExitCodes.InvalidArguments, $"--fail-on-regression must be 0 or more (got {options.FailOnRegression})");
        try
        {
            using var history = LedgerHistory.Open(options.Ledger);
            var a = history.AtRevisionAsync(options.RevisionA, options.Spec).GetAwaiter().GetResult();
            var b = options.RevisionB is null
                ? history.WorkingTreeAsync(options.Spec).GetAwaiter().GetResult()
                : history.AtRevisionAsync(options.RevisionB, options.Spec).GetAwaiter().GetResult();
            foreach (var side in new[] { a, b })
                if (side.IsEmpty)
                    return Fail(errors, ExitCodes.Failed, NoResults(side, history.LedgerFolder, options.Spec));

            var diff = ResultsDiff.Compare(a, b);
            switch (options.Format)
            {
                case "md": foreach (var line in DiffMarkdown.Lines(diff)) output.WriteLine(line); break;
                case "json": output.WriteLine(DiffJson.Render(diff)); break;
                default: DiffTable.Write(diff, output, interactive); break;
            }
            return options.FailOnRegression is { } threshold && diff.HasRegressionBeyond(threshold)
                ? ExitCodes.Regression
                : ExitCodes.Ok;
        }
        catch (RevisionException e)
        {
            return Fail(errors, ExitCodes.InvalidArguments, e.Message);
        }
        catch (Exception e) when (e is LedgerException or IOException or UnauthorizedAccessException)
        {
            return Fail(errors, ExitCodes.Failed, e.Message);
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("RUNNER_DEBUG") is null)
        {
            // A bug, not bad input: still one line; RUNNER_DEBUG=1 shows the stack trace.
            errors.WriteLine($"runner: internal error: {e.GetType().Name}: {e.Message} (set RUNNER_DEBUG=1 for the stack trace)");
            return ExitCodes.Failed;
        }
    }

    static string NoResults(LedgerSnapshot side, string ledgerFolder, string? spec)
    {
        string of = spec is null ? "" : $" for spec '{spec}'";
        return side.Source == SnapshotSource.WorkingTree
            ? $"no results{of} in the working tree: {ledgerFolder} has no rounds or evaluations"
            : $"no results{of} at {side.Label}: no ledger rows committed in its tree, and none tagged {side.ShortSha} in the working-tree ledger";
    }

    static int Fail(TextWriter errors, int code, string message)
    {
        // Messages from lower layers may span lines (Parquet errors); the user gets one.
        errors.WriteLine("runner: error: " + message.ReplaceLineEndings(" "));
        return code;
    }
}
