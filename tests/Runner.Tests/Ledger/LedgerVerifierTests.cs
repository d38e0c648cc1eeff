using System.Text.Json.Serialization;
using NUnit.Framework;
using Parquet.Serialization;
using Runner.Core.Ledger;

namespace Runner.Tests.Ledger;

public class LedgerVerifierTests
{
    string _dir = "";
    string Root => Path.Combine(_dir, "ledger");
    LedgerWriter Writer => new(Root);

    [SetUp] public void SetUp() => _dir = Directory.CreateTempSubdirectory("runner-verify-").FullName;
    [TearDown] public void TearDown() => Directory.Delete(_dir, recursive: true);

    /// <summary>One run of every table, as `runner run` writes it.</summary>
    async Task WriteCleanRun(string spec = "add", string runId = "run1")
    {
        await Writer.WriteAsync([LedgerSamples.Run(spec, runId)], "run");
        await Writer.WriteAsync([LedgerSamples.Round(spec, runId, 1)], "r001");
        await Writer.WriteAsync(Enumerable.Range(1, 3).Select(d => LedgerSamples.Evaluation(spec, runId, 1, d)).ToArray(), "r001");
        // Labels have no key: the same prompt twice is fine.
        await Writer.WriteAsync([LedgerSamples.Label(spec, runId, 1, 0), LedgerSamples.Label(spec, runId, 1, 0)], "r001");
    }

    async Task<string[]> Problems() => (await LedgerVerifier.VerifyAsync(Root)).Problems.Select(p => p.ToString()).ToArray();

    string InRoot(params string[] parts) => Path.Combine([Root, .. parts]);

    [Test]
    public async Task CleanLedgerCountsFilesAndRows()
    {
        await WriteCleanRun();
        await WriteCleanRun("copy", "run2");

        var verification = await LedgerVerifier.VerifyAsync(Root);

        Assert.That(verification.Problems, Is.Empty);
        Assert.That(verification.IsClean, Is.True);
        Assert.That((verification.Files, verification.Rows), Is.EqualTo((8, 14L)));
    }

    [Test]
    public async Task TruncatedFileIsNamedAndTheRestIsStillChecked()
    {
        await WriteCleanRun();
        string path = InRoot("evaluations", "spec=add", "part-run1-r001.parquet");
        using (var stream = new FileStream(path, FileMode.Open))
            stream.SetLength(stream.Length / 2);

        var verification = await LedgerVerifier.VerifyAsync(Root);

        Assert.That(verification.Problems.Single().Path, Is.EqualTo(path));
        Assert.That(verification.Problems.Single().Message, Does.StartWith("cannot read as Parquet: "));
        Assert.That((verification.Files, verification.Rows), Is.EqualTo((4, 4L)), "the other three files are read");
    }

    [Test]
    public async Task StrayTempFilesAndUnknownFoldersAreReported()
    {
        await WriteCleanRun();
        File.WriteAllBytes(InRoot("rounds", "spec=add", ".part-run1-r002.0badc0de.tmp"), [0x50, 0x41, 0x52]);
        File.WriteAllText(InRoot("rounds", "notes.txt"), "");
        Directory.CreateDirectory(InRoot("scratch", "spec=add"));
        File.WriteAllText(InRoot("notes.md"), "");
        File.WriteAllText(InRoot("README.md"), "the ledger folder may explain itself");

        Assert.That(await Problems(), Is.EqualTo(new[]
        {
            $"{InRoot("notes.md")}: not a ledger file (expected <table>/spec=<name>/*.parquet)",
            $"{InRoot("rounds", "notes.txt")}: not a ledger file (expected <table>/spec=<name>/*.parquet)",
            $"{InRoot("rounds", "spec=add", ".part-run1-r002.0badc0de.tmp")}: temporary file left by an interrupted write",
            $"{InRoot("scratch")}: unknown table folder (tables are runs, rounds, evaluations, labels, steps, rescores, metrics)",
        }));
    }

    [Test]
    public async Task DuplicateKeysNameBothFiles()
    {
        await WriteCleanRun();
        string rounds = await Writer.WriteAsync([LedgerSamples.Round("add", "run1", 1), LedgerSamples.Round("add", "run1", 2)], "r001b");
        string runs = await Writer.WriteAsync([LedgerSamples.Run("add", "run1")], "runb");
        string evaluations = await Writer.WriteAsync(Enumerable.Range(1, 3).Select(d => LedgerSamples.Evaluation("add", "run1", 1, d)).ToArray(), "r001b");

        Assert.That(await Problems(), Is.EqualTo(new[]
        {
            $"{evaluations}: duplicate evaluations key run_id=run1, round=1, difficulty=1, member=0 and 2 more (first in {InRoot("evaluations", "spec=add", "part-run1-r001.parquet")})",
            $"{rounds}: duplicate rounds key run_id=run1, round=1 (first in {InRoot("rounds", "spec=add", "part-run1-r001.parquet")})",
            $"{runs}: duplicate runs key run_id=run1 (first in {InRoot("runs", "spec=add", "part-run1-run.parquet")})",
        }));
    }

    [Test]
    public async Task DuplicateKeyWithinOneFile()
    {
        string path = await Writer.WriteAsync([LedgerSamples.Round("add", "run1", 1), LedgerSamples.Round("add", "run1", 1)], "r001");

        Assert.That(await Problems(), Is.EqualTo(new[] { $"{path}: duplicate rounds key run_id=run1, round=1 (first in this file)" }));
    }

    [Test]
    public async Task WrongColumnsUnknownVersionAndWrongSpecFolderAreReported()
    {
        await WriteCleanRun();
        // A rounds file in the runs table; a row from the future; a copy file in the add partition.
        File.Copy(InRoot("rounds", "spec=add", "part-run1-r001.parquet"), InRoot("runs", "spec=add", "part-run1-r001.parquet"));
        string future = await Writer.WriteAsync([LedgerSamples.Round("add", "run1", 2) with { SchemaVersion = 4 }], "r002");
        string copy = await Writer.WriteAsync([LedgerSamples.Round("copy", "run2", 0)], "r000");
        string misplaced = InRoot("rounds", "spec=add", Path.GetFileName(copy));
        File.Move(copy, misplaced);

        Assert.That(await Problems(), Is.EqualTo(new[]
        {
            $"{future}: schema_version 4 is not one this runner knows (2-3)",
            $"{misplaced}: rows of spec_name 'copy' in folder spec=add",
            $"{InRoot("runs", "spec=add", "part-run1-r001.parquet")}: columns do not match the runs table: " +
                "missing spec_hash, spec_yaml, git_branch, git_dirty, git_diff_hash, code_tree, packages, host, os, device, threads, cpu, gpu, determinism, started_utc, ended_utc, status, rounds_completed, final_frontier, final_round, filters, schedule; " +
                "unexpected round, difficulties, labels_generated, labels_kept, label_accuracy_generated, label_accuracy_kept, steps, final_loss, frontier, wall_seconds, mean_votes",
        }));
    }

    sealed class NumberedRun
    {
        [JsonPropertyName("run_id")] public int RunId { get; set; }
    }

    [Test]
    public async Task ColumnOfTheWrongTypeIsReported()
    {
        string path = InRoot("runs", "spec=add", "part-7-run.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var stream = File.Create(path))
            await ParquetSerializer.SerializeAsync(new[] { new NumberedRun { RunId = 7 } }, stream);

        Assert.That((await Problems()).Single(), Does.StartWith($"{path}: columns do not match the runs table: missing schema_version, spec_name,")
            .And.EndWith("; run_id is Int32, expected String"));
    }

    [Test]
    public async Task MissingFolderIsAProblem()
    {
        var verification = await LedgerVerifier.VerifyAsync(Root);

        Assert.That(verification.Problems.Select(p => p.ToString()), Is.EqualTo(new[] { $"{Root}: no such folder" }));
    }
}
