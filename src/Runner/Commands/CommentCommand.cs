using System.CommandLine;
using Runner.Cli.Display;
using Runner.Core.Ledger;
using Runner.Core.Ledger.Diff;

namespace Runner.Cli.Commands;

/// <summary>`runner comment SPEC_NAME --base REV`: the pull request comment CI posts for a spec, on stdout.</summary>
public static class CommentCommand
{
    const string Description = """
        Print the Markdown body of the pull request comment for one spec: a hidden marker (<!-- runner:spec=NAME -->,
        by which CI finds the comment to update it in place), the results run at HEAD (the working-tree ledger's rows
        whose git_sha is HEAD's commit) compared with the results at the merge-base of BASE and HEAD (as runner diff
        reads a revision), and a link to the report. A table longer than GitHub's 65,536 characters keeps what got
        worse, then better, then the rest, and says how many rows it left out.
        Exit codes: 0 ok (also when the merge-base has no results: every row is then only in B), 1 no results at HEAD
        or an unreadable ledger, 2 an unknown revision or bad option.
        """;

    public static Command Create()
    {
        var spec = new Argument<string>("SPEC_NAME") { Description = "The spec's name (its name: key)" };
        var @base = new Option<string>("--base") { Description = "The pull request's base (branch or SHA); results are compared at its merge-base with HEAD", HelpName = "REV", Required = true };
        var head = new Option<string>("--head") { Description = "The commit the results were run at", HelpName = "REV", DefaultValueFactory = _ => "HEAD" };
        var ledger = LedgerOption.Create();
        var link = new Option<string?>("--link") { Description = "URL of the report and merged ledger (the uploaded artifact)", HelpName = "URL" };
        var limit = new Option<int>("--max-chars") { Description = "Longest body", HelpName = "N", DefaultValueFactory = _ => PullRequestComment.GitHubLimit };
        var command = new Command("comment", Description) { spec, @base, head, ledger, link, limit };
        command.SetAction(parse => Execute(new CommentOptions(parse.GetValue(spec)!, parse.GetValue(@base)!, parse.GetValue(head)!,
            parse.GetValue(ledger)!, parse.GetValue(link), parse.GetValue(limit)), Console.Out, Console.Error));
        return command;
    }

    public sealed record CommentOptions(string Spec, string Base, string Head = "HEAD", string Ledger = "ledger", string? Link = null,
        int MaxChars = PullRequestComment.GitHubLimit);

    public static int Execute(CommentOptions options, TextWriter output, TextWriter errors)
    {
        if (options.MaxChars < 1024)
        {
            errors.WriteLine($"runner: error: --max-chars must be 1024 or more (got {options.MaxChars})");
            return ExitCodes.InvalidArguments;
        }
        try
        {
            using var history = LedgerHistory.Open(options.Ledger);
            string mergeBase = history.MergeBase(options.Base, options.Head);
            var a = history.AtRevisionAsync(mergeBase, options.Spec).GetAwaiter().GetResult();
            var b = history.RunAtAsync(options.Head, options.Spec).GetAwaiter().GetResult();
            if (b.IsEmpty)
            {
                errors.WriteLine($"runner: error: no results of spec '{options.Spec}' run at {b.Label} in {history.LedgerFolder}");
                return ExitCodes.Failed;
            }
            output.Write(PullRequestComment.Render(options.Spec, ResultsDiff.Compare(a, b), options.Link, options.MaxChars));
            return ExitCodes.Ok;
        }
        catch (RevisionException e)
        {
            errors.WriteLine($"runner: error: {e.Message}");
            return ExitCodes.InvalidArguments;
        }
        catch (Exception e) when (e is LedgerException or IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"runner: error: {e.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.Failed;
        }
    }
}
