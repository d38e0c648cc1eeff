using System.Text.Json.Serialization;
using NUnit.Framework;
using Parquet.Serialization;
using Runner.Core.Ledger;

namespace Runner.Tests.Ledger;

public class LedgerRoundTripTests
{
    string _dir = "";
    string Root => Path.Combine(_dir, "ledger");

    [SetUp] public void SetUp() => _dir = Directory.CreateTempSubdirectory("runner-ledger-").FullName;
    [TearDown] public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task EveryTableReadsBackEqual()
    {
        var writer = new LedgerWriter(Root);
        var runs = new[] { LedgerSamples.Run("add", "run1") };
        var rounds = Enumerable.Range(0, 3).Select(r => LedgerSamples.Round("add", "run1", r)).ToArray();
        var evaluations = Enumerable.Range(1, 5).Select(d => LedgerSamples.Evaluation("add", "run1", 2, d)).ToArray();
        var labels = Enumerable.Range(0, 50).Select(i => LedgerSamples.Label("add", "run1", 1, i)).ToArray();
        labels[0].Prompt = "größer→ 😀"; // non-ASCII survives the UTF-8 round trip

        await writer.WriteAsync(runs, "run");
        await writer.WriteAsync(rounds, "r002");
        await writer.WriteAsync(evaluations, "r002");
        await writer.WriteAsync(labels, "r001");

        var reader = new LedgerReader(Root);
        Assert.That(await reader.ReadAsync<RunRow>(), Is.EqualTo(runs));
        Assert.That(await reader.ReadAsync<RoundRow>(), Is.EqualTo(rounds));
        Assert.That(await reader.ReadAsync<EvaluationRow>(), Is.EqualTo(evaluations));
        Assert.That(await reader.ReadAsync<LabelRow>(), Is.EqualTo(labels));

        var run = (await reader.ReadAsync<RunRow>()).Single();
        Assert.That(run.StartedUtc.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(run.StartedUtc.Ticks, Is.EqualTo(LedgerSamples.Started.Ticks));
        Assert.That(run.SchemaVersion, Is.EqualTo(3));
    }

    [Test]
    public async Task FilesLandInHivePartitionsAndReadsCanFilterBySpec()
    {
        var writer = new LedgerWriter(Root);
        string path = await writer.WriteAsync([LedgerSamples.Round("add", "run1", 3)], "r003");
        await writer.WriteAsync([LedgerSamples.Round("copy", "run2", 0)], "r000");

        Assert.That(path, Is.EqualTo(Path.Combine(Root, "rounds", "spec=add", "part-run1-r003.parquet")));
        var reader = new LedgerReader(Root);
        Assert.That((await reader.ReadAsync<RoundRow>()).Count, Is.EqualTo(2));
        Assert.That((await reader.ReadAsync<RoundRow>("copy")).Single().RunId, Is.EqualTo("run2"));
        Assert.That(await reader.ReadAsync<RoundRow>("absent"), Is.Empty);
        Assert.That(await reader.ReadAsync<LabelRow>(), Is.Empty, "a table never written is empty, not an error");
    }

    [Test]
    public void BatchesMustBeOneRunAndNonEmpty()
    {
        var writer = new LedgerWriter(Root);
        Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync(Array.Empty<RoundRow>(), "r000"));
        Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync(
            [LedgerSamples.Round("add", "run1", 0), LedgerSamples.Round("add", "run2", 0)], "r000"));
        Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync([LedgerSamples.Round("a/b", "run1", 0)], "r000"));
    }

    [Test]
    public async Task AFileOfAnOlderSchemaReadsWithTheColumnsAddedSinceLeftEmpty()
    {
        // A labels file as schema 2 wrote it: no confidence column.
        string path = Path.Combine(Root, "labels", "spec=add", "part-run1-r001.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var file = File.Create(path))
            await ParquetSerializer.SerializeAsync(new[] { new LabelRowVersion2 { RunId = "run1", SpecName = "add", Round = 1, Prompt = "12+34=", ModelLabel = "46" } }, file);

        var label = (await new LedgerReader(Root).ReadAsync<LabelRow>()).Single();
        var verification = await LedgerVerifier.VerifyAsync(Root);

        Assert.That((label.SchemaVersion, label.Prompt, label.ModelLabel), Is.EqualTo((2, "12+34=", "46")));
        Assert.That(label.Confidence, Is.NaN, "a column added in schema 3 keeps its default");
        Assert.That(verification.Problems, Is.Empty);
    }

    /// <summary>The labels table's columns as schema version 2 wrote them.</summary>
    sealed record LabelRowVersion2
    {
        [JsonPropertyName("schema_version")] public int SchemaVersion { get; set; } = 2;
        [JsonPropertyName("run_id")] public string RunId { get; set; } = "";
        [JsonPropertyName("spec_name")] public string SpecName { get; set; } = "";
        [JsonPropertyName("arm")] public string Arm { get; set; } = "main";
        [JsonPropertyName("seed")] public int Seed { get; set; } = 41;
        [JsonPropertyName("git_sha")] public string GitSha { get; set; } = "abc";
        [JsonPropertyName("run_key")] public string RunKey { get; set; } = "key";
        [JsonPropertyName("round")] public int Round { get; set; }
        [JsonPropertyName("difficulty")] public int Difficulty { get; set; } = 2;
        [JsonPropertyName("difficulty_b")] public int? DifficultyB { get; set; }
        [JsonPropertyName("prompt")] public string Prompt { get; set; } = "";
        [JsonPropertyName("model_label")] public string ModelLabel { get; set; } = "";
        [JsonPropertyName("ended")] public bool Ended { get; set; } = true;
        [JsonPropertyName("true_label")] public string TrueLabel { get; set; } = "46";
        [JsonPropertyName("correct")] public bool Correct { get; set; } = true;
        [JsonPropertyName("kept")] public bool Kept { get; set; } = true;
        [JsonPropertyName("votes")] public int Votes { get; set; } = 1;
        [JsonPropertyName("voters")] public int Voters { get; set; } = 1;
        [JsonPropertyName("tied")] public bool Tied { get; set; }
        [JsonPropertyName("corrupted")] public bool Corrupted { get; set; }
        [JsonPropertyName("trained_label")] public string TrainedLabel { get; set; } = "46";
    }
}
