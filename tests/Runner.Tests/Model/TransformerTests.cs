using NUnit.Framework;
using Runner.Core.Model;
using Runner.Engine.Model;
using static TorchSharp.torch;

namespace Runner.Tests.Model;

public class TransformerTests
{
    [Test]
    public void ForwardGivesLogitsOfShapeBatchTimeVocabulary()
    {
        using var model = TinyModels.Create(vocabulary: 15, seed: 1);
        using var tokens = randint(3, 15, [3, 5], dtype: ScalarType.Int64);
        using var logits = model.forward(tokens);

        Assert.That(logits.shape, Is.EqualTo(new long[] { 3, 5, 15 }));
        Assert.That(logits.dtype, Is.EqualTo(ScalarType.Float32));
    }

    [TestCase(1, 2, 16, 32, 15)]
    [TestCase(2, 4, 32, 64, 14)]
    public void ParameterCountMatchesFormula(int layers, int heads, int d, int ffn, int vocabulary)
    {
        using var model = new Transformer(new TransformerShape(layers, heads, d, ffn, vocabulary, 64));
        long perLayer = 3L * d * d + d * d + 2L * ffn * d + (long)ffn * d + 2 * d;
        long expected = (long)vocabulary * d + layers * perLayer + d + (long)vocabulary * d;

        Assert.That(model.ParameterCount, Is.EqualTo(expected));
    }

    [Test]
    public void PaperShapeHasAbout14Point2MillionParameters()
    {
        using var model = new Transformer(new TransformerShape(6, 6, 384, 1536, 15, 1024));
        // 2 * 15 * 384 + 6 * (3*384^2 + 384^2 + 3*1536*384 + 2*384) + 384
        Assert.That(model.ParameterCount, Is.EqualTo(14_172_288));
        Assert.That(model.ParameterCount / 1e6, Is.EqualTo(14.2).Within(0.05));
    }

    [Test]
    public void HasNoPositionParametersOrBiases()
    {
        using var model = TinyModels.Create(vocabulary: 15, seed: 1, layers: 1);
        var names = model.named_parameters().Select(p => p.name).ToList();

        Assert.That(names, Is.EquivalentTo(new[]
        {
            "embedding.weight",
            "blocks.0.attentionNorm.weight", "blocks.0.mlpNorm.weight",
            "blocks.0.qkv.weight", "blocks.0.output.weight", "blocks.0.gateUp.weight", "blocks.0.down.weight",
            "norm.weight", "head.weight",
        }));
    }

    [Test]
    public void NoPERepeatedTokenGivesTheSameLogitsAtEveryPosition()
    {
        // With no positional encoding, a run of one token looks the same from every position.
        using var model = TinyModels.Sharp(vocabulary: 15, seed: 2);
        using var tokens = full([1, 6], 7L, dtype: ScalarType.Int64);
        using var logits = model.forward(tokens);

        for (int t = 1; t < 6; t++)
            Assert.That(logits[0, t].allclose(logits[0, 0], rtol: 1e-4, atol: 1e-4), Is.True, $"position {t}");
    }

    [Test]
    public void IsCausalLaterTokensDoNotChangeEarlierLogits()
    {
        using var model = TinyModels.Sharp(vocabulary: 15, seed: 3);
        using var a = tensor(new long[] { 1, 4, 5, 6, 7, 8, 9 }, [1, 7]);
        using var b = a.clone();
        b[0, 5] = tensor(12L);
        b[0, 6] = tensor(3L);
        using var la = model.forward(a);
        using var lb = model.forward(b);

        Assert.That(la.narrow(1, 0, 5).allclose(lb.narrow(1, 0, 5), rtol: 0, atol: 1e-5), Is.True);
        Assert.That(la[0, 5].allclose(lb[0, 5], rtol: 0, atol: 1e-3), Is.False, "the changed position itself must change");
    }

    [Test]
    public void KvCacheForwardInChunksMatchesOneForward()
    {
        using var model = TinyModels.Sharp(vocabulary: 15, seed: 4);
        model.eval();
        using var _ = no_grad();
        using var tokens = tensor(new long[] { 1, 4, 5, 6, 7, 8, 9, 10, 3, 4, 5, 6 }, [2, 6]);
        using var whole = model.forward(tokens);
        var causal = ones([6, 6], ScalarType.Bool).tril();

        using var cache = new KvCache(model.Shape, 2, 6, CPU);
        using var first = model.Forward(tokens.narrow(1, 0, 4), causal.narrow(0, 0, 4).narrow(1, 0, 4).view(1, 1, 4, 4), cache);
        using var second = model.Forward(tokens.narrow(1, 4, 2), causal.narrow(0, 4, 2).view(1, 1, 2, 6), cache);

        Assert.That(cache.Length, Is.EqualTo(6));
        Assert.That(cat([first, second], 1).allclose(whole, rtol: 1e-4, atol: 1e-4), Is.True);
    }

    [Test]
    public void AForwardOverAFilledCacheNeedsAMask()
    {
        // Without one, attention would use a causal mask aligned to key 0: wrong for later chunks.
        using var model = TinyModels.Sharp(vocabulary: 15, seed: 4);
        model.eval();
        using var _ = no_grad();
        using var tokens = tensor(new long[] { 1, 4, 5, 6 }, [1, 4]);
        using var cache = new KvCache(model.Shape, 1, 6, CPU);
        using var first = model.Forward(tokens.narrow(1, 0, 2), attentionMask: null, cache);

        Assert.Throws<InvalidOperationException>(() => model.Forward(tokens.narrow(1, 2, 2), attentionMask: null, cache));
    }

    [Test]
    public void TheLastPositionAloneGivesItsLogitsAndTheWholeCache()
    {
        using var model = TinyModels.Sharp(vocabulary: 15, seed: 4);
        model.eval();
        using var _ = no_grad();
        using var tokens = tensor(new long[] { 1, 4, 5, 6, 7, 8, 9, 10, 3, 4, 5, 6 }, [2, 6]);
        var causal = ones([6, 6], ScalarType.Bool).tril().view(1, 1, 6, 6);
        using var wholeCache = new KvCache(model.Shape, 2, 8, CPU);
        using var lastCache = new KvCache(model.Shape, 2, 8, CPU);
        using var whole = model.Forward(tokens, causal, wholeCache);
        using var last = model.Forward(tokens, causal, lastCache, lastOnly: true);

        Assert.That(last.shape, Is.EqualTo(new long[] { 2, 1, 15 }));
        Assert.That(last.allclose(whole.narrow(1, 5, 1), rtol: 1e-5, atol: 1e-5), Is.True);
        Assert.That(lastCache.Length, Is.EqualTo(6));
        // The next token sees the same keys and values either way.
        using var next = tensor(new long[] { 2, 2 }, [2, 1]);
        var all = ones([2, 1, 1, 7], ScalarType.Bool);
        Assert.That(model.Forward(next, all, lastCache).equal(model.Forward(next, all, wholeCache)).all().item<bool>(), Is.True);
        // Without a mask the last position sees every key, as its row of the causal mask says.
        Assert.That(model.Forward(tokens, attentionMask: null, cache: null, lastOnly: true).allclose(last, rtol: 1e-5, atol: 1e-5), Is.True);
    }
}
