using System.Diagnostics;
using Runner.Core;
using Runner.Core.Model;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Engine.Labelling;
using Runner.Engine.Model;
using Runner.Engine.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Engine.Benchmarks;

/// <summary>
/// The shape and workload of a throughput measurement, matching ../shared/bench/pytorch_baseline.py's
/// arguments; <see cref="AnswerDigits"/> adds the decode cost per token at other answer lengths.
/// </summary>
public sealed record BenchmarkSettings(int Layers = 6, int DModel = 384, int Heads = 6, int Ffn = 1536, int Batch = 64,
    int Digits = 16, int Steps = 20, int Generate = 256, IReadOnlyList<int>? AnswerDigits = null);

public sealed record BenchmarkResult(long Parameters, int SequenceLength, int Batch, double TrainMsPerStepMedian,
    double TrainTokensPerSecond, double LabelExamplesPerSecond)
{
    /// <summary>fp32 matmul rate of this process and its threads (TF32 on a GPU when it is on), GFLOP/s.</summary>
    public double MatmulGflops { get; init; }

    /// <summary>Training FLOP/s (6 x matmul parameters x tokens a step) over <see cref="MatmulGflops"/>.</summary>
    public double Mfu { get; init; }

    /// <summary>
    /// Labelling FLOP/s over <see cref="MatmulGflops"/>, counting the FLOPs of a plain KV-cache decode
    /// (every prompt token and every written token but the last through every layer: 2 x matmul
    /// parameters each). Runner's prefill skips most of the last layer's work, so a model of one or
    /// two layers can pass 1.
    /// </summary>
    public double LabelMfu { get; init; }

    /// <summary>
    /// For each operand length n of <see cref="BenchmarkSettings.AnswerDigits"/>: milliseconds per
    /// written token of decoding n-digit sums, every row writing its n + 2 tokens, the prompts' prefill included.
    /// </summary>
    public IReadOnlyDictionary<int, double> DecodeMsPerToken { get; init; } = new Dictionary<int, double>();
}

/// <summary>
/// Training and labelling throughput on reversed addition of fixed-length operands, measured the
/// way the PyTorch peer measures it (median step after 3 warm-up steps; greedy KV-cache decoding
/// in batches of 256, every row to the answer cap), so the two can be compared side by side.
/// Decoding is timed after a warm-up batch, so one-time costs (a GPU's kernel loading and
/// allocator growth) do not count.
/// On a GPU every timed section ends waiting for the device.
/// </summary>
public static class ThroughputBenchmark
{
    const int WarmupSteps = 3, DecodeBatch = 256;

    /// <param name="matmul">The dtype of the model's matrix products (bf16 for mixed precision), null for fp32.</param>
    public static BenchmarkResult Run(BenchmarkSettings settings, Device device, ScalarType? matmul = null)
    {
        var task = new ReversedAddition();
        var tokenizer = new Tokenizer(task.Vocabulary);
        var rng = new Rng(0);
        var answerDigits = settings.AnswerDigits ?? [];
        int longest = answerDigits.Append(settings.Digits).Max();
        manual_seed(0);
        var shape = new TransformerShape(settings.Layers, settings.Heads, settings.DModel, settings.Ffn,
            tokenizer.VocabularySize, Context: 4 * longest + 8);
        var model = new Transformer(shape);
        model.to(device);
        model.MatmulType = matmul;
        var trainer = new Trainer(model, tokenizer, new TrainingSpec { Batch = settings.Batch, PeakLr = 5e-4 }, device);

        var times = new List<double>();
        for (int step = 0; step < settings.Steps + WarmupSteps; step++)
        {
            var batch = Enumerable.Range(0, settings.Batch).Select(_ => Example(task, settings.Digits, rng)).ToList();
            var clock = Stopwatch.StartNew();
            trainer.Step(batch); // reads the loss back: the step has finished on the device
            if (step >= WarmupSteps) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        double median = Median(times);
        int sequence = SequenceLength(settings.Digits);
        double trainFlops = 6.0 * shape.MatmulParameterCount * settings.Batch * sequence / (median / 1000);

        // Every row writes up to the answer cap, as the peer's loop does: a run's decoding stops a
        // batch once every row has ended, which a barely trained model may do after a token or two.
        var decoder = new GreedyDecoder(model, tokenizer, device) { EndCheckInterval = int.MaxValue };
        var (seconds, _) = TimeDecode(decoder, task, settings.Digits, settings.Generate, rng);
        // An n-digit prompt is 2n + 3 tokens; n + 2 are written, the last without a forward.
        double labelFlops = 2.0 * shape.MatmulParameterCount * settings.Generate * (3 * settings.Digits + 4) / seconds;
        var perToken = answerDigits.ToDictionary(n => n, n =>
        {
            var (s, tokens) = TimeDecode(decoder, task, n, settings.Generate, rng);
            return Math.Round(s * 1000 / tokens, 4);
        });

        double peak = MatmulGflops(device, matmul ?? ScalarType.Float32);
        return new BenchmarkResult(model.ParameterCount, sequence, settings.Batch, Math.Round(median, 2),
            Math.Round(settings.Batch * sequence / median * 1000), Math.Round(settings.Generate / seconds, 1))
        {
            MatmulGflops = Math.Round(peak, 1),
            Mfu = Math.Round(trainFlops / 1e9 / peak, 3),
            LabelMfu = Math.Round(labelFlops / 1e9 / peak, 3),
            DecodeMsPerToken = perToken,
        };
    }

    /// <summary>BOS a + b = (prompt: 2n + 3) then n + 1 answer digits and EOS, minus the one-token shift.</summary>
    static int SequenceLength(int digits) => 3 * digits + 4;

    /// <summary>Decodes <paramref name="count"/> fresh prompts of n-digit operands after one untimed batch; seconds and tokens computed.</summary>
    static (double Seconds, long Tokens) TimeDecode(GreedyDecoder decoder, ReversedAddition task, int digits, int count, Random rng)
    {
        List<string> Prompts(int n) => Enumerable.Range(0, n).Select(_ => task.SamplePrompt(digits, rng)).ToList();
        decoder.Decode(Prompts(Math.Min(count, DecodeBatch)), digits + 1, DecodeBatch);
        var prompts = Prompts(count);
        long before = decoder.TokensComputed;
        var clock = Stopwatch.StartNew();
        decoder.Decode(prompts, digits + 1, DecodeBatch); // reads the tokens back: the device has finished
        return (clock.Elapsed.TotalSeconds, decoder.TokensComputed - before);
    }

    /// <summary>
    /// The rate of one square matmul in <paramref name="dtype"/> (fp32 unless given) in this process,
    /// with its threads: 1024 wide on the CPU, 4096 on a GPU (a smaller one would measure launch
    /// latency); median of 10 after 3 warm-ups. A bf16 model's MFU is against the bf16 rate.
    /// </summary>
    public static double MatmulGflops(Device device, ScalarType dtype = ScalarType.Float32)
    {
        bool gpu = device.type == DeviceType.CUDA;
        int n = gpu ? 4096 : 1024;
        using var scope = NewDisposeScope();
        var a = randn(n, n, dtype, device);
        var b = randn(n, n, dtype, device);
        var times = new List<double>();
        for (int i = 0; i < 13; i++)
        {
            using var _ = NewDisposeScope();
            var clock = Stopwatch.StartNew();
            a.matmul(b);
            if (gpu) cuda.synchronize(device);
            if (i >= 3) times.Add(clock.Elapsed.TotalSeconds);
        }
        return 2.0 * n * n * n / Median(times) / 1e9;
    }

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    static Example Example(ReversedAddition task, int digits, Random rng)
    {
        var prompt = task.SamplePrompt(digits, rng);
        return new Example(prompt, task.Solve(prompt));
    }
}
