using NUnit.Framework;
using Runner.Tests.Model.Pretrained;

namespace Runner.Tests.EndToEnd;

/// <summary>The pretrained path through the CLI: train from scratch, export, start LoRA rounds from the export.</summary>
public class PretrainedRunTests
{
    string dir = "";

    [SetUp] public void SetUp() => dir = Directory.CreateTempSubdirectory("runner-pretrained-").FullName;
    [TearDown] public void TearDown() => Directory.Delete(dir, recursive: true);

    const string Training = """
        training:
          batch: 16
          peak_lr: 0.003
          round0: {warmup: 5, stable: 10, decay: 15}
          rounds: {warmup: 0, stable: 0, decay: 10}
        self_improve: {rounds: 1, labels_per_round: 32, decode_batch: 20}
        eval: {examples: 8, above: 1}
        seeds: [7]
        """;

    static string Spec(string name, string model) => $"name: {name}\ntask: {{kind: reverse, d0: {{min: 1, max: 4}}}}\nmodel: {model}\n{Training}";

    [Test]
    public void AnExportedRunnerModelStartsLoraRoundsThatCheckpointTheAdaptersAlone()
    {
        File.WriteAllText(Path.Combine(dir, "scratch.yaml"), Spec("scratch", "{layers: 1, heads: 2, d_model: 32, ffn: 64, context: 32}"));
        var trained = RunnerProcess.Run(dir, "run", "scratch.yaml", "--threads", "1", "--no-report");
        Assert.That(trained.ExitCode, Is.EqualTo(0), trained.Stderr);
        var runId = Path.GetFileName(Directory.GetDirectories(Path.Combine(dir, "runs")).Single());

        var exported = RunnerProcess.Run(dir, "export", runId[..15], "1", "base");
        Assert.That(exported.ExitCode, Is.EqualTo(0), exported.Stderr);
        Assert.That(exported.Stdout.Trim(), Is.EqualTo($"base: {runId} round 1 (from {Path.Combine("runs", runId, "round-001.pt")}) as a Hugging Face Llama directory"));
        Assert.That(Directory.GetFiles(Path.Combine(dir, "base")).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Is.EqualTo(new[] { "config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json" }));

        File.WriteAllText(Path.Combine(dir, "lora.yaml"), Spec("lora", "{context: 32, pretrained: {path: base, lora: {rank: 2, alpha: 4}}}"));
        var adapted = RunnerProcess.Run(dir, "run", "lora.yaml", "--threads", "1", "--no-report");
        Assert.That(adapted.ExitCode, Is.EqualTo(0), adapted.Stderr);
        Assert.That(adapted.Stdout, Does.Contain("main seed 7 round 1: labelled 5: kept "));
        var loraRun = Directory.GetDirectories(Path.Combine(dir, "runs")).Single(d => Path.GetFileName(d) != runId);
        // 7 projections x rank 2 x (in + out) = 1,088 floats, where the base has 11,232.
        Assert.That(new FileInfo(Path.Combine(loraRun, "round-001.pt")).Length, Is.LessThan(8_000));
        Assert.That(new FileInfo(Path.Combine(dir, "base", "model.safetensors")).Length, Is.GreaterThan(45_000));
    }

    [Test]
    public void AMissingBaseDirectoryIsAOneLineError()
    {
        File.WriteAllText(Path.Combine(dir, "lora.yaml"), Spec("lora", "{context: 32, pretrained: {path: nowhere, lora: {}}}"));

        var result = RunnerProcess.Run(dir, "run", "lora.yaml", "--threads", "1", "--no-report");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StderrLines.Last(), Is.EqualTo($"runner: error: model.pretrained: {Path.Combine(dir, "nowhere")}: no such directory (a Hugging Face Llama checkpoint: config.json, model.safetensors, tokenizer.json)"));
    }

    [Test]
    public void ATaskCharacterTheBaseVocabularyLacksIsAOneLineError()
    {
        var folder = TinyLlama.CopyTo(dir);
        var tokenizer = Path.Combine(folder, "tokenizer.json");
        File.WriteAllText(tokenizer, File.ReadAllText(tokenizer).Replace("\"=\": 11", "\"≡\": 11"));
        File.WriteAllText(Path.Combine(dir, "lora.yaml"), Spec("lora", $"{{context: 32, pretrained: {{path: {folder}, lora: {{}}}}}}"));

        var result = RunnerProcess.Run(dir, "run", "lora.yaml", "--threads", "1", "--no-report");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StderrLines.Last(), Is.EqualTo($"runner: error: model.pretrained: {tokenizer}: the task's token '=' is not a single token of the base vocabulary; this task cannot start from this model"));
    }
}
