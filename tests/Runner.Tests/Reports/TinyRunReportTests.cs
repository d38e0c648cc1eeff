using System.Globalization;
using NUnit.Framework;
using Runner.Core.Ledger;
using Runner.Core.Ledger.Diff;
using Runner.Reports;
using Runner.Tests.EndToEnd;
using static Runner.Tests.Reports.ReportFiles;

namespace Runner.Tests.Reports;

/// <summary>
/// The report `runner run` renders at its end, from a tiny real run (two arms x two seeds, two
/// rounds), checked against the ledger it was made from: what it plots, where, and what its tables say.
/// </summary>
public class TinyRunReportTests
{
    List<EvaluationRow> evaluations = [];
    List<RoundRow> rounds = [];
    List<RunRow> runs = [];
    List<MetricRow> metrics = [];

    [OneTimeSetUp]
    public async Task ReadLedger()
    {
        var reader = new LedgerReader(TinyReport.Ledger);
        evaluations = await reader.ReadAsync<EvaluationRow>("tiny");
        rounds = await reader.ReadAsync<RoundRow>("tiny");
        runs = await reader.ReadAsync<RunRow>("tiny");
        metrics = await reader.ReadAsync<MetricRow>("tiny");
    }

    /// <summary>Mean over seeds (seed order) of one arm's accuracy at (round, difficulty), and its sample sd.</summary>
    SeedStats Accuracy(string arm, int round, int difficulty) => SeedStats.Of(evaluations
        .Where(e => e.Arm == arm && e.Round == round && e.Difficulty == difficulty).OrderBy(e => e.Seed).Select(e => e.Accuracy).ToList());

    [Test]
    public void RunPrintsThePathOfTheReportItRendered()
    {
        string page = Path.Combine(TinyReport.Report, "index.html");
        Assert.That(TinyReport.Run.Stdout, Does.Contain($"report: {page}\n"));
        Assert.That(File.ReadAllText(page), Does.StartWith("<!DOCTYPE html>"));
    }

    [Test]
    public void AccuracyCsvHoldsTheLedgersMeansOverSeeds()
    {
        var rows = Csv(Path.Combine(TinyReport.Report, "figures", "si-accuracy.csv"));
        var expected = evaluations.Where(e => e.Arm == "si").Select(e => (e.Round, e.Difficulty)).Distinct().Order().ToList();

        Assert.That(rows.Select(r => (int.Parse(r["round"]), int.Parse(r["difficulty"]))), Is.EqualTo(expected));
        foreach (var row in rows)
        {
            var stats = Accuracy("si", int.Parse(row["round"]), int.Parse(row["difficulty"]));
            Assert.That(Number(row["accuracy_mean"]), Is.EqualTo(stats.Mean), $"round {row["round"]} difficulty {row["difficulty"]}");
            Assert.That(Number(row["accuracy_sd"]), Is.EqualTo(stats.Spread));
            Assert.That(row["seeds"], Is.EqualTo("2"));
        }
    }

    [Test]
    public void AccuracySvgDrawsTheLedgersNumbersWhereItsAxesSay()
    {
        var svg = Svg(Path.Combine(TinyReport.Report, "figures", "si-accuracy.svg"));
        var series = Groups(svg, "series").ToList();
        Assert.That(series.Select(s => (string?)s.Attribute("data-name")), Is.EqualTo(new[] { "round 0", "round 1", "round 2" }));
        foreach (var s in series)
        {
            int round = int.Parse((string)s.Attribute("data-round")!);
            var expected = evaluations.Where(e => e.Arm == "si" && e.Round == round).Select(e => e.Difficulty).Distinct().Order()
                .Select(d => (X: (double)d, Y: Accuracy("si", round, d).Mean)).ToList();
            Assert.That(DataPoints(s).Select(p => (p.X, p.Y)), Is.EqualTo(expected), $"round {round}");
            var drawn = DrawnPoints(s);
            for (int i = 0; i < expected.Count; i++)
            {
                AssertClose(drawn[i].X, expected[i].X, 0.01, $"round {round}: x of point {i}");
                AssertClose(drawn[i].Y, expected[i].Y, 0.001, $"round {round}: y of point {i}");
            }
        }
    }

    [Test]
    public void DashedLinesSitAtEachRoundsLargestTrainedDifficulty()
    {
        // D0 is 1-4; round r labelled (and trained on) the difficulties its rounds row names.
        var labelled = rounds.Where(r => r.Arm == "si" && r.Round > 0 && r.Steps > 0)
            .GroupBy(r => r.Round).ToDictionary(g => g.Key, g => g.Select(r => int.Parse(r.Difficulties)).Max());
        Assert.That(labelled, Is.EqualTo(new Dictionary<int, int> { [1] = 5, [2] = 6 }));

        var svg = Svg(Path.Combine(TinyReport.Report, "figures", "si-accuracy.svg"));
        var lines = Groups(svg, "plot").Single().Elements().Where(e => e.Attribute("data-trained-max") is not null).ToList();
        Assert.That(lines.Select(l => ((string)l.Attribute("data-round")!, (string)l.Attribute("data-trained-max")!)),
            Is.EqualTo(new[] { ("0", "4"), ("1", "5"), ("2", "6") }));
        foreach (var line in lines)
        {
            AssertClose(DrawnX(line), int.Parse((string)line.Attribute("data-trained-max")!), 0.01, "drawn x of the dashed line");
            Assert.That((string?)line.Attribute("stroke-dasharray"), Is.Not.Null);
        }
        var csv = Csv(Path.Combine(TinyReport.Report, "figures", "si-accuracy.csv"));
        Assert.That(csv.Select(r => (r["round"], r["trained_max"])).Distinct(), Is.EqualTo(new[] { ("0", "4"), ("1", "5"), ("2", "6") }));
    }

    [Test]
    public void TwoSeedsGetAMeanWithoutBandsAndALinePerSeedWhereSeedsAreDrawn()
    {
        var svg = Svg(Path.Combine(TinyReport.Report, "figures", "si-accuracy.svg"));
        Assert.That(svg.ToString(), Does.Not.Contain("data-band"), "a band of seeds that disagree draws a curve no seed followed");
        Assert.That(svg.ToString(), Does.Contain("mean over n = 2 seeds"));

        var frontier = Svg(Path.Combine(TinyReport.Report, "figures", "frontier.svg"));
        foreach (int seed in new[] { 7, 8 })
        {
            var line = Groups(frontier, "series").Single(s => (string?)s.Attribute("data-arm") == "si" && (string?)s.Attribute("data-seed") == seed.ToString());
            var expected = rounds.Where(r => r.Arm == "si" && r.Seed == seed).OrderBy(r => r.Round).Select(r => ((double)r.Round, (double)r.Frontier));
            Assert.That(DataPoints(line).Select(p => (p.X, p.Y)), Is.EqualTo(expected), $"seed {seed}'s own frontiers");
        }
    }

    [Test]
    public void OneSeedHasNoBandAndSaysN1()
    {
        string dir = Directory.CreateTempSubdirectory("runner-report-one-seed-").FullName;
        try
        {
            string ledger = TinyReport.CopyLedger(Path.Combine(dir, "ledger"), f => f.Contains("-s7-"));
            string out_ = Path.Combine(dir, "report");
            ReportBuilder.Write(new ReportOptions(["tiny"], ledger, Out: out_));

            string svg = File.ReadAllText(Path.Combine(out_, "figures", "si-accuracy.svg"));
            Assert.That(svg, Does.Not.Contain("data-band"));
            Assert.That(svg, Does.Contain("n = 1 seed;"));
            Assert.That(Csv(Path.Combine(out_, "figures", "si-accuracy.csv")).Select(r => r["accuracy_sd"]).Distinct(), Is.EqualTo(new[] { "" }));
            Assert.That(File.ReadAllText(Path.Combine(out_, "index.html")), Does.Contain("One seed per arm (n = 1)"));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Test]
    public void FrontierCsvHoldsTheRoundsFrontiersPerArm()
    {
        // The control without rounds ("zero") has no place on a round axis: it is in the figure against steps.
        Assert.That(Csv(Path.Combine(TinyReport.Report, "figures", "compute-frontier.csv")).Where(r => r["arm"] == "zero").Select(r => r["round"]).Distinct(),
            Is.EqualTo(new[] { "0" }));
        var rows = Csv(Path.Combine(TinyReport.Report, "figures", "frontier.csv"));
        var expected = rounds.Where(r => r.Arm != "zero").GroupBy(r => (r.Arm, r.Round)).OrderBy(g => g.Min(r => r.RunId), StringComparer.Ordinal).ThenBy(g => g.Key.Round)
            .Select(g => (g.Key.Arm, g.Key.Round, SeedStats.Of(g.OrderBy(r => r.Seed).Select(r => (double)r.Frontier).ToList()).Mean)).ToList();
        Assert.That(rows.Select(r => (r["arm"], int.Parse(r["round"]), Number(r["mean"]))), Is.EquivalentTo(expected));
    }

    [Test]
    public void SummaryTableHoldsTheFinalFrontierStepsAndLabelsPerArm()
    {
        string path = Path.Combine(TinyReport.Report, "tables", "summary.md");
        var header = File.ReadAllLines(path)[0][1..^1].Split(" | ").Select(h => h.Trim()).ToList();
        var rows = MarkdownRows(path);
        foreach (string arm in new[] { "si", "zero" })
        {
            var cells = rows.Single(r => r[0] == arm);
            string Column(string name) => cells[header.IndexOf(name)].Trim('*');
            var reach = SeedStats.Of(metrics.Where(m => m.Arm == arm && m.Metric == "reach" && m.Member is null && m.Difficulty is null
                    && m.Round == runs.Single(r => r.RunId == m.RunId).FinalRound).OrderBy(m => m.Seed).Select(m => m.Value).ToList());
            var final = SeedStats.Of(runs.Where(r => r.Arm == arm).OrderBy(r => r.Seed).Select(r => (double)r.FinalFrontier).ToList());
            string frontier = string.Create(CultureInfo.InvariantCulture, $"{final.Mean:0.0} ± {final.Spread:0.0}");
            double steps = rounds.Where(r => r.Arm == arm).GroupBy(r => r.Seed).Select(g => (double)g.Sum(r => r.Steps)).Average();
            double generated = rounds.Where(r => r.Arm == arm).GroupBy(r => r.Seed).Select(g => (double)g.Sum(r => r.LabelsGenerated)).Average();
            Assert.That(Column("seeds"), Is.EqualTo("2"));
            Assert.That(Column("final frontier"), Is.EqualTo(frontier), arm);
            Assert.That(Column("final reach"), Is.EqualTo(string.Create(CultureInfo.InvariantCulture, $"{reach.Mean:0.0} ± {reach.Spread:0.0}")), arm);
            Assert.That(Column("steps"), Is.EqualTo(steps.ToString("#,0.#", CultureInfo.InvariantCulture)), arm);
            Assert.That(Column("labels generated"), Is.EqualTo(generated.ToString("#,0.#", CultureInfo.InvariantCulture)), arm);
            Assert.That(Column("examples trained"), Is.EqualTo((steps * 16).ToString("#,0.#", CultureInfo.InvariantCulture)), $"{arm}: examples = steps x batch 16");
        }
        Assert.That(rows.Single(r => r[0] == "si")[header.IndexOf("labels generated")], Is.EqualTo("96"), "two rounds of 48 labels");

        string latex = File.ReadAllText(Path.Combine(TinyReport.Report, "tables", "summary.tex"));
        Assert.That(latex, Does.Contain("\\toprule").And.Contain("\\midrule").And.Contain("\\bottomrule").And.Contain("$\\pm$"));
    }

    [Test]
    public void LabelQualityTableHoldsEachRoundsLabelAccuracyAndKeptFraction()
    {
        var rows = MarkdownRows(Path.Combine(TinyReport.Report, "tables", "label-quality.md"));
        Assert.That(rows.Select(r => (r[0], r[1])), Is.EqualTo(new[] { ("si", "1"), ("si", "2") }), "only rounds that labelled");
        foreach (var row in rows)
        {
            var of = rounds.Where(r => r.Arm == "si" && r.Round == int.Parse(row[1])).OrderBy(r => r.Seed).ToList();
            Assert.That(row[4], Is.EqualTo(of.Average(r => r.LabelAccuracyGenerated).ToString("0.000", CultureInfo.InvariantCulture)));
            Assert.That(row[5], Is.EqualTo(of.Where(r => !double.IsNaN(r.LabelAccuracyKept)).Select(r => r.LabelAccuracyKept).DefaultIfEmpty(double.NaN)
                .Average() is var kept && double.IsNaN(kept) ? "–" : kept.ToString("0.000", CultureInfo.InvariantCulture)));
            Assert.That(row[6], Is.EqualTo(of.Average(r => (double)r.LabelsKept / r.LabelsGenerated).ToString("0.000", CultureInfo.InvariantCulture)));
        }
        Assert.That(rows.Last()[^1], Does.Contain("max_round"), "the stop reason of the last round");
        // The models' confidence in their labels, which runs now record per round.
        var header = File.ReadAllLines(Path.Combine(TinyReport.Report, "tables", "label-quality.md"))[0][1..^1].Split(" | ").Select(h => h.Trim()).ToList();
        foreach (var row in rows)
        {
            double confidence = metrics.Where(m => m.Arm == "si" && m.Round == int.Parse(row[1]) && m.Metric == "label_confidence_generated" && m.Member is null)
                .OrderBy(m => m.Seed).Average(m => m.Value);
            Assert.That(row[header.IndexOf("confidence before filter")], Is.EqualTo(confidence.ToString("0.000", CultureInfo.InvariantCulture)));
        }
    }

    [Test]
    public void ASecondRenderIsByteIdenticalToTheOneTheRunMade()
    {
        var before = Snapshot(TinyReport.Report);
        var result = RunnerProcess.Run(TinyReport.Dir, "report", "tiny");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        var after = Snapshot(TinyReport.Report);
        Assert.That(after.Keys, Is.EqualTo(before.Keys));
        foreach (var (path, bytes) in before)
            Assert.That(after[path], Is.EqualTo(bytes), path);
        Assert.That(before.Keys, Does.Contain("figures/si-accuracy.png").And.Contain("tables/label-quality.tex"));
    }

    [Test]
    public void AnIncompleteRunIsMarkedAndItsRoundsShown()
    {
        string dir = Directory.CreateTempSubdirectory("runner-report-incomplete-").FullName;
        try
        {
            string siSeed8 = runs.Single(r => r.Arm == "si" && r.Seed == 8).RunId;
            // Without its runs row, as when the process dies before the run ends.
            string ledger = TinyReport.CopyLedger(Path.Combine(dir, "ledger"),
                f => !(f.Contains($"{Path.DirectorySeparatorChar}runs{Path.DirectorySeparatorChar}") && f.Contains(siSeed8)));
            string out_ = Path.Combine(dir, "report");
            ReportBuilder.Write(new ReportOptions(["tiny"], ledger, Out: out_));

            string page = File.ReadAllText(Path.Combine(out_, "index.html"));
            Assert.That(page, Does.Contain($"Run {siSeed8} (si, seed 8) is incomplete"));
            Assert.That(MarkdownRows(Path.Combine(out_, "tables", "summary.md")).Single(r => r[0] == "si").Last(), Is.EqualTo("1 of 2 incomplete"));
            Assert.That(Csv(Path.Combine(out_, "figures", "si-accuracy.csv")).Select(r => r["seeds"]).Distinct(), Is.EqualTo(new[] { "2" }),
                "the incomplete run's rounds are still plotted");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Test]
    public void ProvenanceComesFromTheRunsRows()
    {
        string page = File.ReadAllText(Path.Combine(TinyReport.Report, "index.html"));
        var row = runs.OrderBy(r => r.RunId, StringComparer.Ordinal).First();
        string Item(string key, string value) => $"<dt>{key}</dt><dd>{System.Net.WebUtility.HtmlEncode(value)}</dd>";
        Assert.That(page, Does.Contain(Item("task", "reverse, D0 1-4")));
        Assert.That(page, Does.Contain(Item("seeds", "7, 8")));
        Assert.That(page, Does.Contain(Item("packages", row.Packages)));
        Assert.That(page, Does.Contain(Item("device", row.Device)));
        Assert.That(page, Does.Contain(Item("numerics", $"{row.Numerics} ({row.NumericsSettings})")));
        Assert.That(page, Does.Contain(Item("regenerate", "").Replace("</dd>", "<code>runner report tiny</code></dd>")));
        Assert.That(page, Does.Contain($"<li>runs/spec=tiny/{Path.GetFileName(new LedgerReader(TinyReport.Ledger).Files<RunRow>("tiny")[0])}</li>"));
    }

    [Test]
    public void ThePageIsSelfContained()
    {
        string page = File.ReadAllText(Path.Combine(TinyReport.Report, "index.html"));
        Assert.That(page, Does.Not.Contain("<script").IgnoreCase.And.Not.Contain("<link").And.Not.Contain("@import"));
        Assert.That(page.Replace("http://www.w3.org/2000/svg", ""), Does.Not.Contain("http"));
        var figures = Directory.GetFiles(Path.Combine(TinyReport.Report, "figures"), "*.svg").Select(f => Path.GetFileNameWithoutExtension(f)!).ToList();
        Assert.That(figures, Is.SupersetOf(new[] { "compute-frontier", "final-accuracy", "si-accuracy", "zero-accuracy", "frontier", "label-error", "kept-fraction", "si-label-confidence" }));
        Assert.That(System.Text.RegularExpressions.Regex.Matches(page, "<svg ").Count, Is.EqualTo(figures.Count), "every figure inline, none fetched");
        Assert.That(page, Does.Contain("The paper publishes no values for this spec (reverse, D0 1-4)"));
    }
}
