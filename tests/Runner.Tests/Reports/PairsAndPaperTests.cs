using NUnit.Framework;
using Runner.Core.Ledger;
using Runner.Core.Tasks;
using Runner.Reports;
using Runner.Reports.Published;
using static Runner.Tests.Reports.ReportFiles;

namespace Runner.Tests.Reports;

/// <summary>Multiplication heatmaps, the paper's scorecard, and the metrics newer ledgers add (reach, lowest D0 accuracy).</summary>
public class PairsAndPaperTests
{
    string dir = "";

    [SetUp] public void CreateDir() => dir = Directory.CreateTempSubdirectory("runner-report-pairs-").FullName;
    [TearDown] public void RemoveDir() => Directory.Delete(dir, recursive: true);

    const string Multiplication = """
        name: mult
        task: {kind: multiplication, d0: {min: 1, max: 2}}
        model: {layers: 1, heads: 2, d_model: 32, ffn: 64, context: 64}
        self_improve: {rounds: 1, schedule: {kind: explicit, difficulties: ["1x3,3x1"]}}
        seeds: [1]
        """;

    static Dictionary<Difficulty, double> Grid(int size, Func<int, int, double> accuracy) =>
        Enumerable.Range(1, size).SelectMany(a => Enumerable.Range(1, size).Select(b => (a, b)))
            .ToDictionary(p => Difficulty.Pair(p.a, p.b), p => accuracy(p.a, p.b));

    [Test]
    public async Task PairsGetAnAnnotatedHeatmapPerRoundWithD0AndSelfLabelledPairsOutlined()
    {
        var ledger = new SyntheticLedger(Path.Combine(dir, "ledger"));
        await ledger.WriteRunAsync(Multiplication, "main", 1, [("", 2), ("1x3,3x1", 2)], new Dictionary<int, IReadOnlyDictionary<Difficulty, double>>
        {
            [0] = Grid(3, (a, b) => a <= 2 && b <= 2 ? 1.0 : 0.25),
            [1] = Grid(3, (a, b) => a <= 2 && b <= 2 ? 1.0 : a == 3 && b == 3 ? 0.125 : 0.5),
        });
        ReportBuilder.Write(new ReportOptions(["mult"], ledger.Root, Out: Path.Combine(dir, "report")));

        var svg = Svg(Path.Combine(dir, "report", "figures", "main-heatmap-round-1.svg"));
        var cells = Groups(svg, "cells").Single().Elements().Where(e => e.Attribute("data-a") is not null)
            .ToDictionary(e => ((string)e.Attribute("data-a")!, (string)e.Attribute("data-b")!), e => ((string)e.Attribute("data-accuracy")!, (string)e.Attribute("data-outline")!));
        Assert.That(cells, Has.Count.EqualTo(9));
        Assert.That(cells[("1", "1")], Is.EqualTo(("1", "d0")));
        Assert.That(cells[("1", "3")], Is.EqualTo(("0.5", "self-labelled")));
        Assert.That(cells[("3", "1")], Is.EqualTo(("0.5", "self-labelled")));
        Assert.That(cells[("3", "3")], Is.EqualTo(("0.125", "none")));
        Assert.That(cells[("2", "3")], Is.EqualTo(("0.5", "none")), "2x3 was never labelled");
        var annotations = Groups(svg, "cells").Single().Elements().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        Assert.That(annotations, Does.Contain("1.00").And.Contain(".50").And.Contain(".13"));
        var outlines = Groups(svg, "outlines").Single().Elements().ToList();
        Assert.That(outlines.Count(o => o.Attribute("stroke-dasharray") is null), Is.EqualTo(4), "D0 pairs: solid");
        Assert.That(outlines.Count(o => o.Attribute("stroke-dasharray") is not null), Is.EqualTo(2), "self-labelled pairs: dashed");

        var round0 = Csv(Path.Combine(dir, "report", "figures", "main-heatmap-round-0.csv"));
        Assert.That(round0.Count(r => r["outline"] == "self-labelled"), Is.EqualTo(0), "nothing is self-labelled before round 1");
        // The accuracy panel plots each size's worst pair.
        var accuracy = Csv(Path.Combine(dir, "report", "figures", "main-accuracy.csv")).Where(r => r["round"] == "1").ToList();
        Assert.That(accuracy.Select(r => (r["difficulty"], r["accuracy_mean"])), Is.EqualTo(new[] { ("1", "1"), ("2", "1"), ("3", "0.125") }));
    }

    [Test]
    public async Task ASpecWithoutPairsHasNoHeatmaps()
    {
        var ledger = new SyntheticLedger(Path.Combine(dir, "ledger"));
        await ledger.WriteRunAsync(Copy(layers: 3), "main", 1, [("", 11)], Round0());
        ReportBuilder.Write(new ReportOptions(["copy"], ledger.Root, Out: Path.Combine(dir, "report")));
        Assert.That(Directory.GetFiles(Path.Combine(dir, "report", "figures"), "*heatmap*"), Is.Empty);
        Assert.That(File.ReadAllText(Path.Combine(dir, "report", "index.html")), Does.Not.Contain("id=\"pairs\""));
    }

    static string Copy(int layers) => $$$"""
        name: copy
        task: {kind: copy, d0: {min: 1, max: 10}}
        model: {layers: {{{layers}}}, heads: {{{(layers == 6 ? 6 : 4)}}}, d_model: {{{(layers == 6 ? 384 : 128)}}}, ffn: {{{(layers == 6 ? 1536 : 512)}}}, context: 64}
        self_improve: {rounds: 0}
        seeds: [1]
        """;

    static Dictionary<int, IReadOnlyDictionary<Difficulty, double>> Round0() => new()
    {
        [0] = Enumerable.Range(1, 18).ToDictionary(d => new Difficulty(d), d => d <= 12 ? 1.0 : d == 13 ? 0.75 : d <= 16 ? 0.25 : 0.0),
    };

    [Test]
    public async Task ACpuCopySpecIsComparedWithThePapersCopyPanelForShapeOnly()
    {
        var ledger = new SyntheticLedger(Path.Combine(dir, "ledger"));
        await ledger.WriteRunAsync(Copy(layers: 3), "main", 1, [("", 12)], Round0());
        ReportBuilder.Write(new ReportOptions(["copy"], ledger.Root, Out: Path.Combine(dir, "report")));

        // The paper's copy round 0 is our round 0: published 13 -> 1.0 and 17 -> 0.0 (Figure 1b).
        var rows = MarkdownRows(Path.Combine(dir, "report", "tables", "scorecard.md"));
        Assert.That(rows.Select(r => string.Join(" ", r)), Is.EqualTo(new[]
        {
            "main 0 0 13 1.000 0.750 -0.250",
            "main 0 0 17 0.000 0.000 0.000",
        }));
        string page = File.ReadAllText(Path.Combine(dir, "report", "index.html"));
        Assert.That(page, Does.Contain("Shape only: this spec&#39;s model (3 layers, 4 heads, d_model 128)"));
        Assert.That(page, Does.Contain("Shape only (not the paper&#39;s model, so no verdict): mean |difference| 0.125, largest 0.250, over 2 points at paper rounds 0."));
        var paper = Groups(Svg(Path.Combine(dir, "report", "figures", "main-scorecard.svg")), "series")
            .Single(s => (string?)s.Attribute("data-source") == "paper");
        Assert.That(DataPoints(paper).Select(p => (p.X, p.Y)), Is.EqualTo(new[] { (13.0, 1.0), (17.0, 0.0) }));
        Assert.That(paper.Elements().Where(e => e.Name.LocalName == "polyline"), Is.Empty, "the paper's points are markers, not joined by a line it does not draw");
    }

    [Test]
    public async Task APaperSizedCopySpecGetsAVerdict()
    {
        var ledger = new SyntheticLedger(Path.Combine(dir, "ledger"));
        await ledger.WriteRunAsync(Copy(layers: 6), "main", 1, [("", 12)], Round0());
        ReportBuilder.Write(new ReportOptions(["copy"], ledger.Root, Out: Path.Combine(dir, "report")));
        Assert.That(File.ReadAllText(Path.Combine(dir, "report", "index.html")),
            Does.Contain("Not reproduced: mean |difference| 0.125, largest 0.250, over 2 points at paper rounds 0 (more than 0.10)."));
    }

    [Test]
    public async Task ReachAndLowestD0AccuracyAreShownWhenTheLedgerHasThem()
    {
        var ledger = new SyntheticLedger(Path.Combine(dir, "ledger"));
        MetricRow Metric(string name, int round, double value) => new() { Round = round, Metric = name, Value = value };
        // Length 10 at 0.97 holds the frontier at 9 while everything from 11 to 12 is solved: reach says what the frontier does not.
        await ledger.WriteRunAsync(Copy(layers: 3), "main", 1, [("", 9)], Round0(),
            [Metric("reach", 0, 12), Metric("d0_min_accuracy", 0, 0.97), new MetricRow { Round = 0, Metric = "reach", Member = 0, Value = 99 }]);
        ReportBuilder.Write(new ReportOptions(["copy"], ledger.Root, Out: Path.Combine(dir, "report")));

        var summary = MarkdownRows(Path.Combine(dir, "report", "tables", "summary.md")).Single();
        var header = File.ReadAllLines(Path.Combine(dir, "report", "tables", "summary.md"))[0];
        Assert.That(header, Does.Contain("| final reach | final lowest D0 accuracy |"));
        Assert.That(summary[5], Is.EqualTo("12.0"), "the arm's reach, not a model's (member 0 says 99)");
        Assert.That(summary[6], Is.EqualTo("0.970"));
        Assert.That(Csv(Path.Combine(dir, "report", "figures", "reach.csv")).Single()["mean"], Is.EqualTo("12"));
        Assert.That(Csv(Path.Combine(dir, "report", "figures", "d0-min-accuracy.csv")).Single()["mean"], Is.EqualTo("0.97"));
    }

    [TestCase(new[] { 0.9, 0.7, 0.5 }, 2)]
    [TestCase(new[] { 0.9, 0.95, 0.85, 0.8 }, 3)]
    [TestCase(new[] { 0.986, 0.983, 0.984, 0.981, 0.962 }, null)]
    [TestCase(new[] { 0.9, 0.95, 0.99 }, null)]
    public async Task AnAvalancheIsMarkedWhereLabelAccuracyStartsFallingForGood(double[] labelAccuracy, int? start)
    {
        var ledger = new SyntheticLedger(Path.Combine(dir, "ledger"));
        var rounds = Enumerable.Range(0, labelAccuracy.Length + 1).Select(r => (r == 0 ? "" : (10 + r).ToString(), 11)).ToList();
        var accuracies = Enumerable.Range(0, rounds.Count).ToDictionary(r => r, _ => (IReadOnlyDictionary<Difficulty, double>)Round0()[0]);
        await ledger.WriteRunAsync(Copy(layers: 3), "main", 1, rounds, accuracies, labelAccuracies: labelAccuracy);
        ReportBuilder.Write(new ReportOptions(["copy"], ledger.Root, Out: Path.Combine(dir, "report")));

        var notes = MarkdownRows(Path.Combine(dir, "report", "tables", "label-quality.md")).Select(r => (r[1], r[^1])).ToList();
        Assert.That(notes.Where(n => n.Item2.Contains("avalanche starts")).Select(n => n.Item1),
            Is.EqualTo(start is null ? Array.Empty<string>() : [start.Value.ToString()]));
    }

    [Test]
    public void ThePublishedValuesNameTheirSourceAndMapTheRounds()
    {
        var figure = PublishedFigure.Figure1;
        Assert.That(figure.Source, Does.StartWith("Lee, Cai et al. 2025, Figure 1"));
        Assert.That(figure.Panels.Select(p => p.Id), Is.EqualTo(new[] { "forward-addition", "copy", "maze-hops", "multiplication" }));
        var forward = figure.Panels[0];
        Assert.That(figure.OurRound(forward, 1), Is.EqualTo(0), "the paper's round 1 is the model trained on D0");
        Assert.That(figure.OurRound(figure.Panels[1], 10), Is.EqualTo(10), "copy counts from 0 as we do");
        Assert.That(forward.Curves.Single(c => c.PaperRound == 30).Values, Is.EqualTo(new (Difficulty, double)[] { (42, 1.0), (43, 0.73), (44, 0.35), (46, 0.0) }));
        Assert.That(figure.Panels[3].Curves.Single(c => c.PaperRound == 31).Values.Single(v => v.Difficulty == Difficulty.Pair(10, 10)).Accuracy, Is.EqualTo(0.273));
    }

    [TestCase("forward_addition", "forward-addition")]
    [TestCase("copy", "copy")]
    [TestCase("maze_hops", "maze-hops")]
    [TestCase("multiplication", "multiplication")]
    [TestCase("reverse", null)]
    [TestCase("maze_nodes", null)]
    public void EachPaperSpecFindsItsPanel(string spec, string? panel)
    {
        var loaded = Core.Specs.SpecLoader.Load(Path.Combine(EndToEnd.RunnerProcess.RepositoryRoot(), "specs", "paper", spec + ".yaml"));
        Assert.That(PublishedFigure.Figure1.PanelFor(loaded.Arms[0].Spec)?.Id, Is.EqualTo(panel));
        if (panel is not null) Assert.That(PublishedFigure.Figure1.SameModel(loaded.Arms[0].Spec), Is.True, "paper specs run the paper's model");
    }
}
