using System.Text.Json;
using NUnit.Framework;
using Runner.Cli.Commands;
using Runner.Tests.EndToEnd;
using static Runner.Cli.Commands.DiffCommand;

namespace Runner.Tests.Diff;

/// <summary>`runner diff`: its output formats, exit codes and one-line errors, run in-process through Execute.</summary>
public class DiffCommandTests
{
    DiffRepository repo = null!;

    [SetUp] public async Task SetUp() => repo = await DiffRepository.CreateAsync();
    [TearDown] public void TearDown() => repo.Dispose();

    (int Code, string Out, string[] Errors) Diff(DiffOptions options)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        int code = Execute(options, output, errors);
        return (code, output.ToString(), errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    DiffOptions Options(string a, string? b = "v2") => new(a, b, Ledger: repo.Ledger);

    static string[] Lines(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    [Test]
    public void MarkdownHasAHeadingNamingBothRevisionsAndOneRowPerQuantity()
    {
        var (code, output, errors) = Diff(Options("v1") with { Format = "md" });

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), string.Join('\n', errors));
        Assert.That(Lines(output), Is.EqualTo(new[]
        {
            $"### runner diff: `v1 ({repo.V1.Sha[..7]})` vs `v2 ({repo.V2.Sha[..7]})`",
            "",
            "| spec | arm | round | metric | seeds | A | B | delta | noise | verdict |",
            "|---|---|---:|---|---:|---:|---:|---:|---:|---|",
            "| add | main | 0 | frontier | 2/2 | 10.0 ± 0.0 | 10.0 ± 0.0 | 0.0 | 1.0 | within noise |",
            "| add | main | 1 | frontier | 2/2 | 11.5 ± 0.7 | 13.5 ± 0.7 | +2.0 | 1.4 | better |",
            "| add | main | 1 | accuracy @ 11 | 2/2 | 0.900 ± 0.014 | 0.950 ± 0.014 | +0.050 | 0.028 | better |",
            "| add | main | 1 | accuracy @ 12 | 2/2 | 0.800 ± 0.000 | 0.700 ± 0.000 | -0.100 | 0.027 | worse |",
            "| add | main | 1 | accuracy @ 13 | 2/2 | 0.500 ± 0.000 | 0.505 ± 0.000 | +0.005 | 0.032 | within noise |",
            "",
            "2 better, 1 worse, 2 within noise",
        }));
    }

    [Test]
    public void JsonHasTheRevisionsAndEveryNumber()
    {
        var (code, output, _) = Diff(Options(repo.V1.Sha) with { Format = "json" });

        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.That(root.GetProperty("a").GetProperty("sha").GetString(), Is.EqualTo(repo.V1.Sha));
        Assert.That(root.GetProperty("b").GetProperty("revision").GetString(), Is.EqualTo("v2"));
        Assert.That(root.GetProperty("b").GetProperty("source").GetString(), Is.EqualTo("committed"));

        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        Assert.That(rows, Has.Count.EqualTo(5));
        var worse = rows.Single(r => r.GetProperty("difficulty").ValueKind == JsonValueKind.Number && r.GetProperty("difficulty").GetInt32() == 12);
        Assert.That(worse.GetProperty("metric").GetString(), Is.EqualTo("accuracy"));
        Assert.That(worse.GetProperty("delta").GetDouble(), Is.EqualTo(-0.1).Within(1e-12));
        Assert.That(worse.GetProperty("noise").GetDouble(), Is.EqualTo(2 * Math.Sqrt(0.75 * 0.25 * 2 / 2000)).Within(1e-12));
        Assert.That(worse.GetProperty("a").GetProperty("mean").GetDouble(), Is.EqualTo(0.8).Within(1e-12));
        Assert.That(worse.GetProperty("a").GetProperty("examples").GetInt64(), Is.EqualTo(2000));
        Assert.That(worse.GetProperty("b").GetProperty("correct").GetInt64(), Is.EqualTo(1400));
        Assert.That(worse.GetProperty("verdict").GetString(), Is.EqualTo("worse"));

        var frontier = rows.Single(r => r.GetProperty("metric").GetString() == "frontier" && r.GetProperty("round").GetInt32() == 1);
        Assert.That(frontier.GetProperty("difficulty").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(frontier.GetProperty("b").GetProperty("spread").GetDouble(), Is.EqualTo(Math.Sqrt(0.5)).Within(1e-12));
        Assert.That(frontier.GetProperty("b").TryGetProperty("examples", out _), Is.False);
    }

    [Test]
    public void TableIsPlainTextWhenNotInteractive()
    {
        var (code, output, _) = Diff(Options("v1", null));

        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
        var lines = Lines(output);
        Assert.That(lines[0], Is.EqualTo($"A: v1 ({repo.V1.Sha[..7]}), ledger as committed"));
        Assert.That(lines[1], Is.EqualTo("B: working tree, ledger files on disk"));
        Assert.That(lines, Has.Some.Matches<string>(l => l.Contains("accuracy @ 12") && l.Contains("-0.100") && l.Contains("worse")));
        Assert.That(lines[^1], Is.EqualTo("2 better, 1 worse, 2 within noise"));
        Assert.That(output.Contains('\u001b'), Is.False, "no colour codes"); // a char: culture-aware string search ignores control characters
    }

    [Test]
    public void FailOnRegressionExits3OnlyWhenARowIsWorseBeyondTheThreshold()
    {
        Assert.That(Diff(Options("v1") with { FailOnRegression = 0.05 }).Code, Is.EqualTo(ExitCodes.Regression), "accuracy @ 12 drops 0.10");
        Assert.That(Diff(Options("v1") with { FailOnRegression = 0.2 }).Code, Is.EqualTo(ExitCodes.Ok), "nothing drops more than 0.2");
        Assert.That(Diff(Options("v2", "v1") with { FailOnRegression = 0.2 }).Code, Is.EqualTo(ExitCodes.Regression), "the frontier drops 2");
        Assert.That(Diff(Options("v2", "v2") with { FailOnRegression = 0 }).Code, Is.EqualTo(ExitCodes.Ok), "equal is never a regression");
    }

    [Test]
    public void UnknownRevisionExits2WithOneLine()
    {
        var (code, output, errors) = Diff(Options("no-such-branch"));

        Assert.That(code, Is.EqualTo(ExitCodes.InvalidArguments));
        Assert.That(errors, Is.EqualTo(new[] { $"runner: error: unknown revision 'no-such-branch' in {repo.Root}/" }));
        Assert.That(output, Is.Empty);
    }

    [Test]
    public void OutsideARepositoryExits2()
    {
        string outside = Directory.CreateTempSubdirectory("runner-nogit-").FullName;
        try
        {
            Assume.That(LibGit2Sharp.Repository.Discover(outside), Is.Null, "the temp folder must not be inside a git repository");
            var (code, _, errors) = Diff(new DiffOptions("HEAD", Ledger: Path.Combine(outside, "ledger")));

            Assert.That(code, Is.EqualTo(ExitCodes.InvalidArguments));
            Assert.That(errors, Is.EqualTo(new[] { $"runner: error: not a git repository (nor any parent folder): {outside}" }));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Test]
    public void NoResultsOnASideExits1NamingIt()
    {
        var (code, _, errors) = Diff(Options("v1") with { Spec = "other" });
        Assert.That(code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(errors, Is.EqualTo(new[]
        {
            $"runner: error: no results for spec 'other' at v1 ({repo.V1.Sha[..7]}): no ledger rows committed in its tree, " +
            $"and none tagged {repo.V1.Sha[..7]} in the working-tree ledger",
        }));

        Directory.Delete(repo.Ledger, recursive: true);
        (code, _, errors) = Diff(Options("v1", null));
        Assert.That(code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(errors, Is.EqualTo(new[] { $"runner: error: no results in the working tree: {repo.Ledger} has no rounds or evaluations" }));
    }

    [Test]
    public void UnreadableLedgerFileExits1WithOneLine()
    {
        string bad = Path.Combine(repo.Ledger, "rounds", "spec=add", "part-bad-r000.parquet");
        File.WriteAllText(bad, "not parquet");

        var (code, _, errors) = Diff(Options("v1", null));

        Assert.That(code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(errors, Has.Length.EqualTo(1));
        Assert.That(errors[0], Does.StartWith($"runner: error: Cannot read ledger file {bad}"));
    }

    [Test]
    public void UnknownFormatExits2()
    {
        var (code, _, errors) = Diff(Options("v1") with { Format = "xml" });

        Assert.That(code, Is.EqualTo(ExitCodes.InvalidArguments));
        Assert.That(errors, Is.EqualTo(new[] { "runner: error: --format must be table, md or json (got 'xml')" }));
    }

    [Test]
    public void TheRunnerProgramDiffsTheLedgerOfItsCurrentDirectory()
    {
        var ok = RunnerProcess.Run(repo.Root, "diff", "v1", "v2", "--format", "md", "--fail-on-regression", "0.05");
        Assert.That(ok.ExitCode, Is.EqualTo(ExitCodes.Regression), ok.Stderr);
        Assert.That(ok.Stdout, Does.Contain("| add | main | 1 | accuracy @ 12 | 2/2 | 0.800 ± 0.000 | 0.700 ± 0.000 | -0.100 | 0.027 | worse |"));

        var bad = RunnerProcess.Run(repo.Root, "diff", "HEAD~5");
        Assert.That(bad.ExitCode, Is.EqualTo(ExitCodes.InvalidArguments));
        Assert.That(bad.StderrLines, Has.Count.EqualTo(1));
        Assert.That(bad.StderrLines[0], Does.StartWith("runner: error: unknown revision 'HEAD~5'"));
    }
}
