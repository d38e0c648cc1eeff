using System.Text.Json;
using NUnit.Framework;

namespace Runner.Tests.EndToEnd;

/// <summary>`runner bench` prints one JSON line with the PyTorch peer's keys and its own; the numbers are timings, so only their form is checked here.</summary>
public class BenchCommandTests
{
    static readonly string[] Tiny =
        ["bench", "--layers", "1", "--d", "16", "--heads", "2", "--ffn", "32", "--batch", "4", "--digits", "2", "--steps", "2", "--gen", "8", "--threads", "1"];

    [Test]
    public void PrintsOneJsonLineWithThePeersKeysMfuAndTheDecodeCostPerAnswerLength()
    {
        var result = RunnerProcess.Run(Path.GetTempPath(), [.. Tiny, "--answer-digits", "2,3", "--answer-digits", "5"]);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1));
        var json = JsonDocument.Parse(lines[0]).RootElement;
        // The peer's keys (../shared/bench/pytorch_baseline.py), so one line divides by the other.
        Assert.That(json.GetProperty("torch").GetString(), Does.StartWith("2."));
        // 1 layer of d 16, ffn 32: 4*16^2 + 3*16*32 + 2*16 norms, two embeddings of 15 tokens x 16, the final norm.
        Assert.That(json.GetProperty("params").GetInt64(), Is.EqualTo(1024 + 1536 + 32 + 2 * 15 * 16 + 16));
        Assert.That(json.GetProperty("seq_len").GetInt32(), Is.EqualTo(10), "2-digit sums: 3 x 2 + 4");
        Assert.That(json.GetProperty("batch").GetInt32(), Is.EqualTo(4));
        foreach (var key in new[] { "train_ms_per_step_median", "train_tokens_per_s", "label_examples_per_s", "matmul_gflops", "mfu", "label_mfu" })
            Assert.That(json.GetProperty(key).GetDouble(), Is.GreaterThan(0), key);
        Assert.That(json.GetProperty("mfu").GetDouble(), Is.LessThan(1), "the step cannot beat a matmul of the same process");
        Assert.That(json.GetProperty("device").GetString(), Is.EqualTo("cpu"));
        Assert.That(json.GetProperty("gpu").GetString(), Is.EqualTo("none"));
        Assert.That(json.GetProperty("tf32").GetBoolean(), Is.False);
        Assert.That(json.GetProperty("precision").GetString(), Is.EqualTo("fp32"));
        var perToken = json.GetProperty("decode_ms_per_token");
        Assert.That(perToken.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "2", "3", "5" }));
        Assert.That(perToken.EnumerateObject().Select(p => p.Value.GetDouble()), Has.All.GreaterThan(0));
    }

    [Test]
    public void Bf16BenchesMixedPrecisionAndSaysSo()
    {
        var result = RunnerProcess.Run(Path.GetTempPath(), [.. Tiny, "--precision", "bf16"]);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        var json = JsonDocument.Parse(result.Stdout.Trim()).RootElement;
        Assert.That(json.GetProperty("precision").GetString(), Is.EqualTo("bf16"));
        Assert.That(json.GetProperty("train_ms_per_step_median").GetDouble(), Is.GreaterThan(0));
        Assert.That(RunnerProcess.Run(Path.GetTempPath(), [.. Tiny, "--precision", "fp16"]).ExitCode, Is.EqualTo(2));
    }

    [TestCase("8,x", "'x'")]
    [TestCase("0", "'0'")]
    public void ABadAnswerLengthIsAOneLineArgumentError(string list, string named)
    {
        var result = RunnerProcess.Run(Path.GetTempPath(), [.. Tiny, "--answer-digits", list]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StderrLines.First(), Does.Contain("--answer-digits takes a comma-separated list of lengths of at least 1").And.Contain(named));
        Assert.That(result.Stdout, Is.Empty);
    }
}
