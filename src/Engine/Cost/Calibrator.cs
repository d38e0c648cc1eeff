using System.Diagnostics;
using Runner.Core.Model;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Engine.Labelling;
using Runner.Engine.Model;
using Runner.Engine.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Engine.Cost;

/// <summary>
/// Measures this machine's speed at a shape with the loop's own code: <see cref="Trainer.Step"/>
/// on batches of two widths, and <see cref="GreedyDecoder"/> on two row counts, each after a
/// warm-up. A fresh model of the shape does the work; what it learns does not matter.
/// </summary>
public static class Calibrator
{
    /// <summary>Training steps timed at each width (the median counts), after the warm-up steps.</summary>
    public const int WarmupSteps = 2, TimedSteps = 5;

    /// <summary>Decode batches timed at each row count (the fastest counts: load only ever slows), after one warm-up.</summary>
    public const int TimedDecodes = 2;

    static readonly int[] Widths = [16, 64];
    const int PromptTokens = 16, NewTokens = 16, FewRows = 8, MostRows = 256;

    /// <summary>What a calibration runs, for a user deciding whether to pay for it.</summary>
    public static string Work => $"{Widths.Length * (WarmupSteps + TimedSteps)} training steps and {2 * (TimedDecodes + 1)} decode batches";

    public static Calibration Measure(CalibrationKey key, ITask task, Device device)
    {
        var clock = Stopwatch.StartNew();
        var tokenizer = new Tokenizer(task.Vocabulary);
        manual_seed(0);
        using var model = new Transformer(key.Shape);
        model.to(device);
        var trainer = new Trainer(model, tokenizer, new TrainingSpec { Batch = key.Batch }, device);
        using var optimizer = trainer.Optimizer;
        string token = RepeatableToken(tokenizer, task.Vocabulary);

        var steps = Widths.Select(width =>
        {
            var batch = Enumerable.Repeat(ExampleOfWidth(token, width), key.Batch).ToList();
            for (int i = 0; i < WarmupSteps; i++) trainer.Step(batch);
            return Median(Enumerable.Range(0, TimedSteps).Select(_ => Seconds(() => trainer.Step(batch), device)));
        }).ToList();
        var (stepSeconds, secondsPerFlop) = Calibration.Fit(
            Flops.TrainingStep(key.Shape, key.Batch, Widths[0]), steps[0], Flops.TrainingStep(key.Shape, key.Batch, Widths[1]), steps[1]);

        // A head of zeros never writes EOS (ties go to token 0), so every decode writes all its tokens. (fill_, not
        // zero_: TorchSharp 0.107's zero_ returns a new wrapper that would stay live.)
        using (no_grad()) model.get_parameter("head.weight")!.fill_(0);
        var decoder = new GreedyDecoder(model, tokenizer, device);
        string prompt = string.Concat(Enumerable.Repeat(token, PromptTokens - 1));
        int fewRows = Math.Min(FewRows, Math.Max(1, key.DecodeBatch / 2)), mostRows = Math.Clamp(key.DecodeBatch, fewRows + 1, MostRows);
        var decodes = new[] { fewRows, mostRows }.Select(rows =>
        {
            var prompts = Enumerable.Repeat(prompt, rows).ToList();
            decoder.Decode(prompts, NewTokens - 1, rows);
            return Enumerable.Range(0, TimedDecodes).Min(_ => Seconds(() => decoder.Decode(prompts, NewTokens - 1, rows), device));
        }).ToList();
        var (decodeFixed, decodeSecondsPerFlop) = Calibration.Fit(
            Flops.Decode(key.Shape, fewRows, PromptTokens, NewTokens), decodes[0], Flops.Decode(key.Shape, mostRows, PromptTokens, NewTokens), decodes[1]);

        return new Calibration
        {
            Key = key.ToString(),
            MeasuredUtc = DateTime.UtcNow,
            MeasuredSeconds = clock.Elapsed.TotalSeconds,
            StepSeconds = stepSeconds,
            TrainFlopsPerSecond = 1 / secondsPerFlop,
            DecodeTokenSeconds = decodeFixed / NewTokens,
            DecodeFlopsPerSecond = 1 / decodeSecondsPerFlop,
        };
    }

    /// <summary>An example of exactly <paramref name="width"/> input positions: BOS, k tokens, then k' tokens and EOS (k + k' = width - 1).</summary>
    static Example ExampleOfWidth(string token, int width)
    {
        int prompt = width / 2;
        return new Example(string.Concat(Enumerable.Repeat(token, prompt)), string.Concat(Enumerable.Repeat(token, width - 1 - prompt)));
    }

    /// <summary>A token of the task that, repeated, reads back as that many tokens (a maze's "1" would merge into "11").</summary>
    static string RepeatableToken(Tokenizer tokenizer, IReadOnlyList<string> vocabulary) =>
        vocabulary.First(t => tokenizer.Encode(t + t + t).Count() == 3);

    static double Seconds(Action work, Device device)
    {
        var clock = Stopwatch.StartNew();
        work();
        if (device.type == DeviceType.CUDA) cuda.synchronize(device);
        return clock.Elapsed.TotalSeconds;
    }

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
