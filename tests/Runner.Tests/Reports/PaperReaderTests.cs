using System.Diagnostics;
using System.Xml.Linq;
using NUnit.Framework;
using Runner.Core.Ledger;
using Runner.Core.Tasks;
using Runner.Reports;
using Runner.Reports.Figures;
using static Runner.Tests.Reports.ReportFiles;

namespace Runner.Tests.Reports;

/// <summary>
/// What a reader of the paper needs from a report, on a synthetic ledger of two arms x two seeds
/// (self-improvement against a control that trains as long on D0 alone): the arms at equal compute,
/// one colour per arm in every figure, the confidence distribution read from the labels table, and
/// the paper exports (PDF that Poppler renders, LaTeX tables that pdflatex sets in a column).
/// </summary>
public class PaperReaderTests
{
    const string Spec = """
        name: eq
        task: {kind: copy, d0: {min: 1, max: 3}}
        model: {layers: 1, heads: 2, d_model: 32, ffn: 64, context: 64}
        training: {batch: 8}
        self_improve:
          rounds: 3
          filters: [{kind: length, rule: expected}, {kind: confidence, threshold: 0.9}]
        eval: {to: 7}
        seeds: [1, 2]
        arms:
          - name: self-improve
          - name: no-rounds
            self_improve: {rounds: 0}
        """;

    static readonly int[] ImproveSteps = [100, 20, 20, 20], ControlSteps = [160];

    string dir = "";
    string Report => Path.Combine(dir, "report");

    [OneTimeSetUp]
    public async Task WriteLedgerAndReport()
    {
        dir = Directory.CreateTempSubdirectory("runner-report-paper-").FullName;
        var ledger = new SyntheticLedger(Path.Combine(dir, "ledger"));
        foreach (int seed in new[] { 1, 2 })
        {
            // Seed 2 gets one length further each round: the per-seed lines must part.
            IReadOnlyDictionary<Difficulty, double> Accuracy(int solvedUpTo) =>
                Enumerable.Range(1, 7).ToDictionary(d => (Difficulty)d, d => d <= solvedUpTo ? 1.0 : d == solvedUpTo + 1 ? 0.5 : 0.0);
            var improve = Enumerable.Range(0, 4).ToDictionary(r => r, r => Accuracy(3 + r + (seed == 2 && r > 0 ? 1 : 0)));
            await ledger.WriteRunAsync(Spec, "self-improve", seed,
                [("", 3), ("4", 4 + (seed - 1)), ("5", 5 + (seed - 1)), ("6", 6 + (seed - 1))], improve,
                labelAccuracies: [0.95, 0.9, 0.8], steps: ImproveSteps, labels: Labels(seed));
            await ledger.WriteRunAsync(Spec, "no-rounds", seed, [("", 3)], new Dictionary<int, IReadOnlyDictionary<Difficulty, double>> { [0] = Accuracy(3) },
                steps: ControlSteps);
        }
        ReportBuilder.Write(new ReportOptions(["eq"], ledger.Root, Out: Report, Paper: true));
    }

    [OneTimeTearDown]
    public void RemoveDir() => Directory.Delete(dir, recursive: true);

    /// <summary>Twelve labels a round: confidences spread over [0.3, 1], every third one wrong, kept when sure enough.</summary>
    static List<LabelRow> Labels(int seed) => Enumerable.Range(1, 3).SelectMany(round => Enumerable.Range(0, 12).Select(i =>
    {
        double confidence = 0.3 + 0.7 * ((i * 7 + round + seed) % 12) / 11.0;
        bool correct = i % 3 != 0;
        string prompt = $"{seed}{round}{i:D2}";
        return new LabelRow
        {
            Round = round, Difficulty = 3 + round, Prompt = prompt, ModelLabel = correct ? prompt : prompt[..^1] + "x", TrueLabel = prompt,
            Ended = true, Correct = correct, Kept = confidence >= 0.9, Votes = 1, Voters = 1, TrainedLabel = prompt, Confidence = confidence,
        };
    })).ToList();

    static XElement Series(XDocument svg, string arm, int? seed = null) => Groups(svg, "series")
        .Single(s => (string?)s.Attribute("data-arm") == arm && (string?)s.Attribute("data-seed") == seed?.ToString());

    [Test]
    public void TheEqualComputeFigurePlacesEachArmAtItsCumulativeStepsFromTheLedger()
    {
        var svg = Svg(Path.Combine(Report, "figures", "compute-frontier.svg"));

        Assert.That(DataPoints(Series(svg, "no-rounds")).Select(p => (p.X, p.Y)), Is.EqualTo(new[] { (160.0, 3.0) }),
            "the control at its 160 steps, not on round 0");
        Assert.That(DataPoints(Series(svg, "self-improve")).Select(p => (p.X, p.Y)),
            Is.EqualTo(new[] { (100.0, 3.0), (120.0, 4.5), (140.0, 5.5), (160.0, 6.5) }), "the mean over seeds at each round's cumulative steps");
        Assert.That(DataPoints(Series(svg, "self-improve", seed: 2)).Select(p => p.Y), Is.EqualTo(new[] { 3.0, 5, 6, 7 }), "seed 2's own line");
        foreach (var (drawn, data) in DrawnPoints(Series(svg, "no-rounds")).Zip(DataPoints(Series(svg, "no-rounds"))))
            AssertClose(drawn.X, data.X, 0.5, "drawn where its axis says");

        var csv = Csv(Path.Combine(Report, "figures", "compute-frontier.csv"));
        var control = csv.Where(r => r["arm"] == "no-rounds").ToList();
        Assert.That(control.Select(r => (r["seed"], r["cumulative_steps"], r["cumulative_examples"])),
            Is.EqualTo(new[] { ("1", "160", "1280"), ("2", "160", "1280") }), "steps x batch 8");
    }

    [Test]
    public async Task ArmsWithDifferentBatchesAreComparedAtTheExamplesTheyTrainedOn()
    {
        var ledger = new SyntheticLedger(Path.Combine(dir, "batches", "ledger"));
        string spec = Spec.Replace("    self_improve: {rounds: 0}", "    self_improve: {rounds: 0}\n    training: {batch: 16}");
        var accuracy = Enumerable.Range(1, 7).ToDictionary(d => (Difficulty)d, d => d <= 3 ? 1.0 : 0.0);
        await ledger.WriteRunAsync(spec, "self-improve", 1, [("", 3), ("4", 3)], new Dictionary<int, IReadOnlyDictionary<Difficulty, double>> { [0] = accuracy, [1] = accuracy },
            steps: [100, 20]);
        await ledger.WriteRunAsync(spec, "no-rounds", 1, [("", 3)], new Dictionary<int, IReadOnlyDictionary<Difficulty, double>> { [0] = accuracy }, steps: [60]);
        string out_ = Path.Combine(dir, "batches", "report");
        ReportBuilder.Write(new ReportOptions(["eq"], ledger.Root, Out: out_));

        var svg = Svg(Path.Combine(out_, "figures", "compute-frontier.svg"));
        Assert.That(DataPoints(Series(svg, "self-improve")).Select(p => p.X), Is.EqualTo(new[] { 800.0, 960 }), "100 and 120 steps of 8 examples");
        Assert.That(DataPoints(Series(svg, "no-rounds")).Select(p => p.X), Is.EqualTo(new[] { 960.0 }), "60 steps of 16: as much as the rounds");
        Assert.That(svg.ToString(), Does.Contain("Training examples so far"));
    }

    [Test]
    public void EachArmHasOneColourInEveryFigureAndRoundsOneRampWithContrast()
    {
        var colours = new Dictionary<string, HashSet<string>>();
        var figures = Directory.GetFiles(Path.Combine(Report, "figures"), "*.svg");
        foreach (string file in figures)
            foreach (var series in Groups(Svg(file), "series").Where(s => s.Attribute("data-arm") is not null))
            {
                string arm = (string)series.Attribute("data-arm")!;
                if (!colours.ContainsKey(arm)) colours[arm] = [];
                colours[arm].Add((string)series.Attribute("data-colour")!);
            }
        Assert.That(colours.Keys, Is.EquivalentTo(new[] { "self-improve", "no-rounds" }));
        Assert.That(colours.Values, Has.All.Count.EqualTo(1), string.Join("; ", colours.Select(c => $"{c.Key}: {string.Join(" ", c.Value)}")));
        Assert.That(colours["self-improve"].Single(), Is.Not.EqualTo(colours["no-rounds"].Single()));

        string Round0(string figure) => (string)Groups(Svg(Path.Combine(Report, "figures", figure)), "series")
            .Single(s => (string?)s.Attribute("data-round") == "0").Attribute("data-colour")!;
        Assert.That(Round0("no-rounds-accuracy.svg"), Is.EqualTo(Round0("self-improve-accuracy.svg")), "round 0 has one colour in every panel");
        for (int round = 0; round <= 10; round++)
            Assert.That(Palette.ContrastOnWhite(Palette.Round(round, 10)), Is.GreaterThanOrEqualTo(3), $"round {round} of 10 shows on white");
    }

    [Test]
    public async Task TheConfidenceDistributionCountsEveryLabelOfTheLedger()
    {
        var labels = (await new LedgerReader(Path.Combine(dir, "ledger")).ReadAsync<LabelRow>("eq")).Where(l => l.Arm == "self-improve").ToList();
        var svg = Svg(Path.Combine(Report, "figures", "self-improve-label-confidence.svg"));
        foreach (var (name, correct) in new[] { ("right", true), ("wrong", false) })
        {
            var bars = Groups(svg, "series").Single(s => (string?)s.Attribute("data-name") == name).Elements()
                .Select(b => (Low: Number((string)b.Attribute("data-bin-low")!), Count: int.Parse((string)b.Attribute("data-count")!))).ToList();
            var expected = new int[LabelEvidenceBins];
            foreach (var label in labels.Where(l => l.Correct == correct)) expected[Histogram.BinOf(label.Confidence, 0, 1, LabelEvidenceBins)]++;
            Assert.That(bars.Select(b => b.Count), Is.EqualTo(expected), name);
            Assert.That(bars.Sum(b => b.Count), Is.EqualTo(labels.Count(l => l.Correct == correct)).And.GreaterThan(0));
        }
        var threshold = Groups(svg, "plot").Single().Elements().Single(e => e.Attribute("data-threshold") is not null);
        Assert.That((string)threshold.Attribute("data-threshold")!, Is.EqualTo("0.9"), "the spec's confidence filter is marked");

        var examples = MarkdownRows(Path.Combine(Report, "tables", "label-examples.md"));
        Assert.That(examples.Where(r => r[1] == "wrong, kept").Select(r => r[4]),
            Is.EquivalentTo(labels.Where(l => !l.Correct && l.Kept).OrderByDescending(l => l.Confidence).Take(4).Select(l => l.Prompt)));
    }

    const int LabelEvidenceBins = Runner.Reports.Sections.LabelEvidenceSection.ConfidenceBins;

    [Test]
    public void ThePaperFiguresHaveNoTitleTextOfAtLeast7PtAPdfPopplerRendersAndPngsWithTheirDpi()
    {
        string paper = Path.Combine(Report, "paper", "figures");
        var svg = Svg(Path.Combine(paper, "compute-frontier.svg"));
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").ToList();
        foreach (string file in Directory.GetFiles(paper, "*.svg"))
            Assert.That(Svg(file).Descendants().Where(e => e.Name.LocalName == "text").Select(t => Number((string)t.Attribute("font-size")!)),
                Has.All.GreaterThanOrEqualTo(7), Path.GetFileName(file));
        Assert.That(texts.Select(t => t.Value), Has.None.EqualTo("Frontier against training steps"), "no title in a paper figure");
        Assert.That(Number(((string)svg.Root!.Attribute("width")!).Replace("pt", "")), Is.EqualTo(234), "3.25 in");
        Assert.That(PngResolution.Dpi(File.ReadAllBytes(Path.Combine(paper, "compute-frontier.png"))), Is.EqualTo(300).Within(0.01));
        Assert.That(PngResolution.Dpi(File.ReadAllBytes(Path.Combine(Report, "figures", "compute-frontier.png"))), Is.EqualTo(300).Within(0.01));

        string pdf = Path.Combine(paper, "compute-frontier.pdf");
        RequireTool("pdftoppm", "poppler-utils");
        var render = Run("pdftoppm", $"-png -r 72 -singlefile \"{pdf}\" \"{Path.Combine(dir, "rendered")}\"");
        Assert.That(render.Code, Is.EqualTo(0), render.Output);
        using (var image = SkiaSharp.SKBitmap.Decode(Path.Combine(dir, "rendered.png")))
        {
            Assert.That(image.Width, Is.EqualTo(234).Within(1), "the PDF's page is the figure's size in points");
            Assert.That(Enumerable.Range(0, image.Width).Any(x => image.GetPixel(x, image.Height / 2).Red < 100), "something is drawn");
        }
        var text = Run("pdftotext", $"-raw \"{pdf}\" -");
        Assert.That(text.Code, Is.EqualTo(0), text.Output);
        // pdftotext breaks a vertical axis title into lines: compare without white space.
        static string Squeeze(string s) => System.Text.RegularExpressions.Regex.Replace(s, @"\s+", "");
        foreach (string label in texts.Select(t => t.Value).Where(t => t.Length > 0))
            Assert.That(Squeeze(text.Output), Does.Contain(Squeeze(label)), "every text of the figure is text in the PDF");
        Assert.That(text.Output, Does.Not.Contain("Frontier against training steps"));
    }

    [Test]
    public void EveryPaperFigureCsvHasOneSchema()
    {
        var headers = Directory.GetFiles(Path.Combine(Report, "paper", "figures"), "*.csv").Select(f => File.ReadLines(f).First()).Distinct().ToList();
        Assert.That(headers, Is.EqualTo(new[] { string.Join(",", PlotData.Header) }));
        var control = Csv(Path.Combine(Report, "paper", "figures", "compute-frontier.csv")).Single(r => r["series"] == "no-rounds");
        Assert.That((control["x"], control["y"], control["seeds"]), Is.EqualTo(("160", "3", "2")));
    }

    [Test]
    public void ThePaperTablesCompileInATwoColumnArticleWithinTheColumn()
    {
        RequireTool("pdflatex", "texlive-latex-recommended");
        var tables = Directory.GetFiles(Path.Combine(Report, "paper", "tables"), "*.tex").Order(StringComparer.Ordinal).ToList();
        Assert.That(tables.Select(Path.GetFileName), Does.Contain("summary.tex").And.Contain("label-quality.tex").And.Contain("accuracy-per-seed.tex"));
        string body = string.Concat(tables.Select(t => $"\\begin{{table}}[h]\\centering\\input{{{t}}}\\caption{{{Path.GetFileNameWithoutExtension(t)}}}\\end{{table}}\n"));
        File.WriteAllText(Path.Combine(dir, "tables.tex"),
            "\\documentclass[twocolumn]{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{booktabs}\n\\begin{document}\n" + body + "\\end{document}\n");
        var latex = Run("pdflatex", "-interaction=nonstopmode -halt-on-error tables.tex", dir);
        string log = File.ReadAllText(Path.Combine(dir, "tables.log"));
        Assert.That(latex.Code, Is.EqualTo(0), latex.Output);
        Assert.That(log, Does.Not.Contain("Overfull \\hbox"), "every table fits \\columnwidth");
        Assert.That(File.Exists(Path.Combine(dir, "tables.pdf")));

        string summary = File.ReadAllText(Path.Combine(Report, "paper", "tables", "summary.tex"));
        Assert.That(summary, Does.Contain("% The same in every row, so left out: seeds 2; rounds to target no target;"), "constant columns are dropped and named");
        var rows = summary.Split('\n').Where(l => !l.StartsWith('%')).ToList();
        Assert.That(rows, Has.None.Contains("no target").And.None.Contains("completed"));
        Assert.That(rows, Has.Some.Contains("final frontier & 3.0 $\\pm$ 0.0 & \\textbf{6.5 $\\pm$ 0.7}"), "turned: one column per arm");
    }

    [Test]
    public void TheSameLedgerGivesTheSameBytesPaperIncluded()
    {
        var first = Snapshot(Report);
        ReportBuilder.Write(new ReportOptions(["eq"], Path.Combine(dir, "ledger"), Out: Report, Paper: true));
        var second = Snapshot(Report);
        Assert.That(second.Keys, Is.EqualTo(first.Keys));
        Assert.That(first.Keys, Does.Contain("paper/figures/compute-frontier.pdf"));
        foreach (var (path, bytes) in first) Assert.That(second[path], Is.EqualTo(bytes), path);
    }

    [Test]
    public void ThePageSaysWhatDiffersBetweenArmsAndDefinesItsWords()
    {
        var differences = MarkdownRows(Path.Combine(Report, "tables", "arm-differences.md"));
        Assert.That(differences.Select(r => r[0]), Is.EqualTo(new[] { "self_improve.rounds" }));
        Assert.That(File.ReadLines(Path.Combine(Report, "tables", "arm-differences.md")).First(), Is.EqualTo("| spec key | no-rounds | self-improve |"),
            "arms in the order they first ran");
        Assert.That(differences[0][1..], Is.EqualTo(new[] { "0", "3" }));
        string page = File.ReadAllText(Path.Combine(Report, "index.html"));
        Assert.That(page, Does.EndWith("</html>\n").And.Contain("<section id=\"provenance\">"), "the whole page, however long its figures");
        Assert.That(page, Does.Contain("<dt>frontier</dt>").And.Contain("<dt>reach past D0</dt>").And.Contain("<dt>solved</dt>"));
        var perSeed = MarkdownRows(Path.Combine(Report, "tables", "accuracy-per-seed.md"));
        Assert.That(perSeed.Single(r => r[0] == "self-improve" && r[1] == "2" && r[2] == "3")[^1], Is.EqualTo("7"), "seed 2's own frontier");
    }

    [Test]
    public void APaperTablePrintsWholeNumbersWholeRealMinusSignsAndNamesWhatItLeftOut()
    {
        var table = new Runner.Reports.Tables.Table("t", "A table", ["arm", "frontier", "difference", "seeds"],
        [
            [new("a"), new("14.0", Numeric: true), new("-0.125", Numeric: true), new("1", Numeric: true)],
            [new("b"), new("11.0", Best: true, Numeric: true), new("+0.250", Numeric: true), new("1", Numeric: true)],
        ]);
        string tex = Runner.Reports.Tables.PaperTable.Latex(table, 234);
        Assert.That(tex, Does.Contain("% The same in every row, so left out: seeds 1.\n"));
        Assert.That(tex, Does.Contain("a & 14 & $-$0.125 \\\\\n"));
        Assert.That(tex, Does.Contain("b & \\textbf{11} & +0.250 \\\\\n"));
        Assert.That(tex, Does.Contain("\\begin{tabular}{@{}lrr@{}}"));
    }

    static void RequireTool(string tool, string package)
    {
        if ((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)))) return;
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail($"no {tool} on the PATH: .ci/run installs it (apt-get install {package})");
        Assert.Ignore($"{tool} is not installed (apt-get install {package})");
    }

    static (int Code, string Output) Run(string tool, string arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
