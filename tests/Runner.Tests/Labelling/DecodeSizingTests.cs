using NUnit.Framework;
using Runner.Core.Model;
using Runner.Core.Tasks;
using Runner.Engine.Cost;
using Runner.Engine.Labelling;
using Runner.Engine.Model;
using Runner.Tests.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Tests.Labelling;

public class DecodeSizingTests
{
    // The paper's shape with reversed addition's 15 tokens: 14.16M weights in matrix products.
    static readonly TransformerShape Paper = new(6, 6, 384, 1536, 15, 1024);

    [Test]
    public void TheCpuDecodesAsMeasuredOnTwoCoresWithTheSpecsRows()
    {
        var cpu = DecodeSizing.For(DeviceType.CPU, Paper, new Calibration { DecodeTokenSeconds = 1e-3, DecodeFlopsPerSecond = 1e11 });

        Assert.That(cpu, Is.EqualTo(new DecodeSizing(1024, 0)));
        Assert.That(cpu.Rows(512, cacheBytesPerRow: 1_000_000), Is.EqualTo(512));
    }

    [Test]
    public void AGpuTakesTheRowsThatHideItsFixedCostPerToken()
    {
        // A GPU that pays 0.5 ms a decode step whatever the rows, and computes 20 TFLOP/s.
        var gpu = DecodeSizing.For(DeviceType.CUDA, Paper, new Calibration { DecodeTokenSeconds = 5e-4, DecodeFlopsPerSecond = 2e13 });

        // A row's token is 2 x 14,161,536 FLOPs = 1.416 us; 9 x 0.5 ms of them is 3,177.6 rows.
        Assert.That(Flops.MatmulParameters(Paper), Is.EqualTo(14_161_536));
        Assert.That(gpu.MinRows, Is.EqualTo(3178));
        // Prefill: 4 GiB over 4 x (4 x 384 + 2 x 1536) bytes of activations a token.
        Assert.That(gpu.PrefillTokens, Is.EqualTo((int)((4L << 30) / 18_432)));
        Assert.That(gpu.Rows(512, cacheBytesPerRow: 1_000_000), Is.EqualTo(3178));
        Assert.That(gpu.Rows(512, cacheBytesPerRow: 4_000_000), Is.EqualTo(1073), "the cache is held to 4 GiB");
        Assert.That(gpu.Rows(512, cacheBytesPerRow: 100_000_000), Is.EqualTo(512), "never fewer rows than the spec's");
        Assert.That(gpu.Rows(5000, cacheBytesPerRow: 1_000_000), Is.EqualTo(5000));
        Assert.That(DecodeSizing.For(DeviceType.CUDA, Paper, calibration: null).MinRows, Is.Zero, "without a calibration, the spec's rows");
    }

    [Test]
    public void MoreRowsAndOnePrefillPassDecodeTheSame()
    {
        var task = new ReversedAddition();
        var tokenizer = new Tokenizer(task.Vocabulary);
        using var model = TinyModels.Sharp(tokenizer.VocabularySize, seed: 13);
        var rng = new Random(12);
        var prompts = Enumerable.Range(0, 21).Select(i => task.SamplePrompt(1 + i % 5, rng)).ToList();

        var asSpec = new GreedyDecoder(model, tokenizer, CPU).Decode(prompts, 8, batchSize: 4);
        var gpuLike = new GreedyDecoder(model, tokenizer, CPU) { Sizing = new DecodeSizing(PrefillTokens: 1 << 20, MinRows: 16) }.Decode(prompts, 8, batchSize: 4);

        Assert.That(gpuLike, Is.EqualTo(asSpec));
    }
}
