using System.Diagnostics;
using Runner.Core;
using Runner.Core.Labelling;
using Runner.Core.Model;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Engine.Labelling;
using Runner.Engine.Model;
using Runner.Engine.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Engine.Benchmarks;

/// <summary>The shape and workload of a throughput measurement, matching ../shared/bench/pytorch_baseline.py's arguments.</summary>
public sealed record BenchmarkSettings(int Layers = 6, int DModel = 384, int Heads = 6, int Ffn = 1536, int Batch = 64,
    int Digits = 16, int Steps = 20, int Generate = 256);

public sealed record BenchmarkResult(long Parameters, int SequenceLength, int Batch, double TrainMsPerStepMedian,
    double TrainTokensPerSecond, double LabelExamplesPerSecond);

/// <summary>
/// Training and labelling throughput on reversed addition of fixed-length operands, measured the
/// way the PyTorch peer measures it (median step after 3 warm-up steps; greedy KV-cache decoding
/// in batches of 256), so the two can be compared side by side.
/// </summary>
public static class ThroughputBenchmark
{
    const int WarmupSteps = 3, DecodeBatch = 256;

    public static BenchmarkResult Run(BenchmarkSettings settings, Device device)
    {
        var task = new ReversedAddition();
        var tokenizer = new Tokenizer(task.Vocabulary);
        var rng = new Rng(0);
        manual_seed(0);
        var model = new Transformer(new TransformerShape(settings.Layers, settings.Heads, settings.DModel, settings.Ffn,
            tokenizer.VocabularySize, Context: 4 * settings.Digits + 8));
        model.to(device);
        var trainer = new Trainer(model, tokenizer, new TrainingSpec { Batch = settings.Batch, PeakLr = 5e-4 }, device);

        var times = new List<double>();
        for (int step = 0; step < settings.Steps + WarmupSteps; step++)
        {
            var batch = Enumerable.Range(0, settings.Batch).Select(_ => Example(task, settings.Digits, rng)).ToList();
            var clock = Stopwatch.StartNew();
            trainer.Step(batch);
            if (step >= WarmupSteps) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        double median = times[times.Count / 2];
        // BOS a + b = (prompt: 2n + 3) then n + 1 answer digits and EOS, minus the one-token shift.
        int sequence = 3 * settings.Digits + 4;

        var prompts = Enumerable.Range(0, settings.Generate).Select(_ => task.SamplePrompt(settings.Digits, rng)).ToList();
        var decoder = new GreedyDecoder(model, tokenizer, device);
        var decodeClock = Stopwatch.StartNew();
        decoder.Decode(prompts, settings.Digits + 1, DecodeBatch);
        double labelsPerSecond = settings.Generate / decodeClock.Elapsed.TotalSeconds;

        return new BenchmarkResult(model.ParameterCount, sequence, settings.Batch, Math.Round(median, 2),
            Math.Round(settings.Batch * sequence / median * 1000), Math.Round(labelsPerSecond, 1));
    }

    static Example Example(ReversedAddition task, int digits, Random rng)
    {
        var prompt = task.SamplePrompt(digits, rng);
        return new Example(prompt, task.Solve(prompt));
    }
}
