using System.CommandLine;
using Runner.Core.Ledger;
using Runner.Reports;

namespace Runner.Cli.Commands;

/// <summary>`runner report SPEC_NAME...`: one offline HTML page per spec, with its figures and tables, from the ledger alone.</summary>
public static class ReportCommand
{
    const string Description = """
        Render a report from the ledger: DIR/index.html (one self-contained page, it opens offline), DIR/figures/
        (every figure as SVG, PNG at 300 dpi and a CSV of the plotted numbers) and DIR/tables/ (Markdown and
        LaTeX booktabs). DIR is reports/<spec name>, or --out; with several specs, one folder per spec under
        reports/ (or --out) and an index.html. Without --rev, the ledger files on disk; with --rev, the ledger as
        committed at each revision (two or more: overlaid, with `runner diff` between them).
        Exit codes: 0 ok, 1 unreadable ledger or write error, 2 unknown spec, empty ledger, unknown revision or
        bad template (nothing is written then).
        """;

    public static Command Create()
    {
        var specs = new Argument<string[]>("SPEC_NAME") { Description = "Spec names (the spec's name:, as in `runner ls`)", Arity = ArgumentArity.OneOrMore };
        var ledger = LedgerOption.Create();
        var revisions = new Option<string[]>("--rev") { Description = "Read the ledger as committed at this git revision; repeat to compare", HelpName = "REV" };
        var output = new Option<string?>("--out") { Description = "Report folder (default reports/<spec name>, or reports/ for several specs)", HelpName = "DIR" };
        var templates = new Option<string?>("--template")
        {
            Description = $"Folder of Scriban templates replacing the embedded ones of the same name ({string.Join(", ", TemplateFiles.Embedded)})",
            HelpName = "DIR",
        };
        var curves = new Option<int>("--curves") { Description = "The most rounds drawn per accuracy panel", DefaultValueFactory = _ => ReportOptions.DefaultCurves };
        var paper = new Option<bool>("--paper")
        {
            Description = "Also write DIR/paper/: every figure for a paper's column without title or note, text >= 7 pt, as PDF, SVG and PNG "
                + "(dpi recorded) with one CSV schema; every table as LaTeX that fits \\columnwidth",
        };
        var column = new Option<double>("--column-width")
        {
            Description = "The paper's column width in inches, for --paper (ICML 3.25)", HelpName = "INCHES",
            DefaultValueFactory = _ => Reports.Figures.FigureStyle.DefaultColumnInches,
        };
        var command = new Command("report", Description) { specs, ledger, revisions, output, templates, curves, paper, column };
        command.SetAction(parse => Execute(new ReportOptions(parse.GetValue(specs)!, parse.GetValue(ledger)!, parse.GetValue(revisions) ?? [],
            parse.GetValue(output), parse.GetValue(templates), parse.GetValue(curves), parse.GetValue(paper), parse.GetValue(column)), Console.Out, Console.Error));
        return command;
    }

    public static int Execute(ReportOptions options, TextWriter output, TextWriter errors) => LedgerErrors.Guard(errors, () =>
    {
        try
        {
            foreach (string page in ReportBuilder.Write(options))
                output.WriteLine($"report: {Path.GetFullPath(page)}");
            return ExitCodes.Ok;
        }
        catch (ReportException e)
        {
            errors.WriteLine("runner: error: " + e.Message.ReplaceLineEndings(" "));
            return ExitCodes.InvalidArguments;
        }
    });
}
