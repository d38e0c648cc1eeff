using System.Reflection;
using NUnit.Framework;
using Runner.Cli.Commands;
using Runner.Reports;
using Runner.Reports.Figures;
using Runner.Tests.Diff;
using Runner.Tests.EndToEnd;
using SkiaSharp;
using static Runner.Tests.Reports.ReportFiles;

namespace Runner.Tests.Reports;

/// <summary>`runner report`'s bad input (one line, exit 2, nothing written), template overrides, revisions, and its dependencies.</summary>
public class ReportCommandTests
{
    string dir = "";

    [SetUp] public void CreateDir() => dir = Directory.CreateTempSubdirectory("runner-report-cmd-").FullName;
    [TearDown] public void RemoveDir() => Directory.Delete(dir, recursive: true);

    (int Code, string Out, string Err) Report(ReportOptions options)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        int code = ReportCommand.Execute(options, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    void AssertRefused((int Code, string Out, string Err) result, string message, string out_)
    {
        Assert.That(result.Code, Is.EqualTo(2), result.Err);
        Assert.That(result.Err, Is.EqualTo($"runner: error: {message}\n"));
        Assert.That(Directory.Exists(out_), Is.False, "nothing is written");
    }

    [Test]
    public void AnUnknownSpecIsOneLineAndExit2()
    {
        string out_ = Path.Combine(dir, "out");
        AssertRefused(Report(new ReportOptions(["nope"], TinyReport.Ledger, Out: out_)),
            $"no results for spec 'nope' in the ledger {TinyReport.Ledger} (it has: tiny)", out_);
        // Not even the known spec's page, when one of several is unknown.
        AssertRefused(Report(new ReportOptions(["tiny", "nope"], TinyReport.Ledger, Out: out_)),
            $"no results for spec 'nope' in the ledger {TinyReport.Ledger} (it has: tiny)", out_);
    }

    [Test]
    public void AnEmptyLedgerIsOneLineAndExit2()
    {
        string out_ = Path.Combine(dir, "out"), ledger = Path.Combine(dir, "ledger");
        AssertRefused(Report(new ReportOptions(["tiny"], ledger, Out: out_)), $"the ledger {ledger} has no results (no rounds or evaluations): no such folder", out_);
        Directory.CreateDirectory(ledger);
        AssertRefused(Report(new ReportOptions(["tiny"], ledger, Out: out_)), $"the ledger {ledger} has no results (no rounds or evaluations)", out_);
    }

    [Test]
    public async Task AnUnknownRevisionIsOneLineAndExit2()
    {
        using var repo = await DiffRepository.CreateAsync();
        string out_ = Path.Combine(dir, "out");
        AssertRefused(Report(new ReportOptions(["add"], repo.Ledger, ["v1", "nope"], Out: out_)), $"unknown revision 'nope' in {repo.Root}/", out_);
    }

    [Test]
    public void TheProgramExits2WithOneLine()
    {
        var result = RunnerProcess.Run(dir, "report", "tiny", "--ledger", TinyReport.Ledger, "--rev", "HEAD");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StderrLines, Has.Count.EqualTo(1));
        Assert.That(result.StderrLines[0], Does.StartWith("runner: error: not a git repository"));
        Assert.That(Directory.Exists(Path.Combine(dir, "reports")), Is.False);
    }

    [Test]
    public void RunWithNoReportRendersNone()
    {
        // The tiny run's ledger and spec: every run is complete, so `runner run` skips them all and goes straight to its end.
        TinyReport.CopyLedger(Path.Combine(dir, "ledger"), _ => true);
        File.Copy(Path.Combine(TinyReport.Dir, "tiny.yaml"), Path.Combine(dir, "tiny.yaml"));

        var quiet = RunnerProcess.Run(dir, "run", "tiny.yaml", "--threads", "1", "--no-report");
        Assert.That(quiet.ExitCode, Is.EqualTo(0), quiet.Stderr);
        Assert.That(quiet.Stdout, Does.Contain("already complete in the ledger").And.Not.Contain("report:"));
        Assert.That(Directory.Exists(Path.Combine(dir, "reports")), Is.False);

        var reported = RunnerProcess.Run(dir, "run", "tiny.yaml", "--threads", "1");
        Assert.That(reported.ExitCode, Is.EqualTo(0), reported.Stderr);
        Assert.That(reported.Stdout, Does.EndWith($"report: {Path.Combine(dir, "reports", "tiny", "index.html")}\n"));
    }

    [Test]
    public void ATemplateFolderReplacesTheEmbeddedTemplatesOfTheSameName()
    {
        string templates = Directory.CreateDirectory(Path.Combine(dir, "templates")).FullName;
        File.WriteAllText(Path.Combine(templates, "figure.html"), "<figure class=\"mine\">{{ figure.title | html.escape }}{{ figure.svg }}</figure>\n");
        string out_ = Path.Combine(dir, "out");
        var result = Report(new ReportOptions(["tiny"], TinyReport.Ledger, Out: out_, Templates: templates));

        Assert.That(result.Code, Is.EqualTo(0), result.Err);
        string page = File.ReadAllText(Path.Combine(out_, "index.html"));
        Assert.That(page, Does.Contain("<figure class=\"mine\">Accuracy against difficulty: si<svg"));
        Assert.That(page, Does.Not.Contain("<figcaption>"), "every figure goes through the override");
        Assert.That(page, Does.Contain("<h2>Summary per arm</h2>"), "the other templates stay embedded");
        Assert.That(page, Does.Contain($"--template {templates}"), "the regenerating command names the folder");
    }

    [Test]
    public void ABrokenTemplateIsOneLineWithItsPositionAndExit2()
    {
        string templates = Directory.CreateDirectory(Path.Combine(dir, "templates")).FullName;
        File.WriteAllText(Path.Combine(templates, "page.html"), "<html>\n{{ for x in page.accuracy }}\n");
        string out_ = Path.Combine(dir, "out");
        var result = Report(new ReportOptions(["tiny"], TinyReport.Ledger, Out: out_, Templates: templates));
        Assert.That(result.Code, Is.EqualTo(2));
        Assert.That(result.Err, Does.StartWith($"runner: error: template {Path.Combine(templates, "page.html")}:2:"));
        Assert.That(result.Err.TrimEnd('\n'), Does.Not.Contain("\n"));
        Assert.That(Directory.Exists(out_), Is.False);

        AssertRefused(Report(new ReportOptions(["tiny"], TinyReport.Ledger, Out: out_, Templates: Path.Combine(dir, "none"))),
            $"--template {Path.Combine(dir, "none")}: no such folder", out_);
    }

    [Test]
    public async Task SeveralSpecsGetAPageEachAndAnIndex()
    {
        var ledger = new SyntheticLedger(Path.Combine(dir, "ledger"));
        var round0 = new Dictionary<int, IReadOnlyDictionary<Core.Tasks.Difficulty, double>> { [0] = new Dictionary<Core.Tasks.Difficulty, double> { [1] = 1.0, [2] = 0.5 } };
        foreach (string name in new[] { "first", "second" })
            await ledger.WriteRunAsync($"name: {name}\ndescription: the {name} spec\ntask: {{kind: copy, d0: {{min: 1, max: 1}}}}\n", "main", 1, [("", 1)], round0);
        string out_ = Path.Combine(dir, "out");
        var result = Report(new ReportOptions(["first", "second"], ledger.Root, Out: out_));

        Assert.That(result.Code, Is.EqualTo(0), result.Err);
        Assert.That(result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            $"report: {Path.Combine(out_, "first", "index.html")}", $"report: {Path.Combine(out_, "second", "index.html")}", $"report: {Path.Combine(out_, "index.html")}",
        }));
        string index = File.ReadAllText(Path.Combine(out_, "index.html"));
        Assert.That(index, Does.Contain("<a href=\"first/index.html\">first</a></td><td>the first spec</td>"));
        Assert.That(index, Does.Contain("<a href=\"second/index.html\">second</a></td><td>the second spec</td>"));
        Assert.That(File.ReadAllText(Path.Combine(out_, "second", "index.html")), Does.Contain("<h1>second</h1>"));
    }

    [Test]
    public async Task TwoRevisionsAreOverlaidWithTheDiffBetweenThem()
    {
        using var repo = await DiffRepository.CreateAsync();
        string out_ = Path.Combine(dir, "out");
        var result = Report(new ReportOptions(["add"], repo.Ledger, ["v1", "v2"], Out: out_));
        Assert.That(result.Code, Is.EqualTo(0), result.Err);

        string v1 = $"v1 ({repo.V1.Sha[..7]})", v2 = $"v2 ({repo.V2.Sha[..7]})";
        var frontier = Csv(Path.Combine(out_, "figures", "frontier.csv"));
        Assert.That(frontier.Where(r => r["round"] == "1").Select(r => (r["revision"], Number(r["mean"]))),
            Is.EqualTo(new[] { (v1, 11.5), (v2, 13.5) }), "the latest run of each seed, per revision");
        var series = Groups(Svg(Path.Combine(out_, "figures", "frontier.svg")), "series").Where(s => s.Attribute("data-seed") is null).ToList();
        Assert.That(series.Select(s => (string?)s.Attribute("data-name")), Is.EqualTo(new[] { $"main @ {v1}", $"main @ {v2}" }));
        var colours = series.Select(s => s.Elements().First(e => e.Name.LocalName == "polyline").Attribute("stroke")!.Value).ToList();
        Assert.That(colours.Distinct().Count(), Is.EqualTo(2), "one colour per revision");

        var diff = MarkdownRows(Path.Combine(out_, "tables", "diff-v1-v2.md"));
        Assert.That(diff.Select(r => (r[1], r[2], r[8])), Is.EqualTo(new[]
        {
            ("0", "frontier", "within noise"), ("1", "frontier", "better"), ("1", "accuracy @ 11", "better"),
            ("1", "accuracy @ 12", "worse"), ("1", "accuracy @ 13", "within noise"),
        }));
        string page = File.ReadAllText(Path.Combine(out_, "index.html"));
        Assert.That(page, Does.Contain("2 better, 1 worse, 2 within noise"));
        Assert.That(page, Does.Contain("--rev v1 --rev v2"));
    }

    [Test]
    public void ReportsReadTheLedgerWithoutTorchOrTrainingCode()
    {
        var reports = typeof(ReportBuilder).Assembly;
        var core = typeof(Core.Ledger.LedgerReader).Assembly;
        foreach (var assembly in new[] { reports, core })
            Assert.That(assembly.GetReferencedAssemblies().Select(a => a.Name),
                Has.None.EqualTo("TorchSharp").And.None.EqualTo("Runner.Engine").And.None.EqualTo("runner"), assembly.GetName().Name);
        Assert.That(reports.GetReferencedAssemblies().Select(a => a.Name), Does.Contain("Runner.Core"));
    }

    [Test]
    public void PngTextIsDrawnWithSkiaSharp3()
    {
        // SkiaSharp 4.x on Linux silently drops text: the pin must hold in the process that also loads TorchSharp.
        Assert.That(typeof(SKCanvas).Assembly.GetName().Version!.Major, Is.EqualTo(3));
        var figure = new Figure(60, 20, "text", [new Label(5, 14, "Accuracy", 10)]);
        using var bitmap = SKBitmap.Decode(PngWriter.Write(figure));
        int dark = 0;
        for (int x = 0; x < bitmap.Width; x++)
            for (int y = 0; y < bitmap.Height; y++)
                if (bitmap.GetPixel(x, y).Red < 128) dark++;
        Assert.That(bitmap.Width, Is.EqualTo(250), "60 pt at 300 dpi");
        Assert.That(dark, Is.GreaterThan(200), "the label's glyphs are on the image");
    }
}
