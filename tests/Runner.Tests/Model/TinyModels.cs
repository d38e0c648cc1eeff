using Runner.Core.Model;
using Runner.Engine.Model;
using static TorchSharp.torch;

namespace Runner.Tests.Model;

/// <summary>Small, seeded models for fast CPU tests.</summary>
static class TinyModels
{
    public static Transformer Create(int vocabulary, int seed, int layers = 2, int heads = 2, int dModel = 16, int ffn = 32)
    {
        manual_seed(seed);
        return new Transformer(new TransformerShape(layers, heads, dModel, ffn, vocabulary, 64));
    }

    /// <summary>
    /// A random model with weights scaled up from the 0.02 init so that its logits are far from
    /// ties: greedy decoding then gives varied outputs, and argmax does not flip on rounding.
    /// </summary>
    public static Transformer Sharp(int vocabulary, int seed, double scale = 40)
    {
        var model = Create(vocabulary, seed);
        using var _ = no_grad();
        foreach (var (name, p) in model.named_parameters())
            if (!name.EndsWith("norm.weight", StringComparison.Ordinal)) p.mul_(scale);
        return model;
    }

    /// <summary>A model whose every prediction is <paramref name="token"/>: blocks add nothing, every embedding is ones, only the token's head row is non-zero.</summary>
    public static Transformer AlwaysPredicts(int vocabulary, int token)
    {
        var model = Create(vocabulary, seed: 1);
        using var _ = no_grad();
        foreach (var (name, p) in model.named_parameters())
        {
            if (name == "embedding.weight") p.fill_(1);
            else if (name.EndsWith("output.weight", StringComparison.Ordinal) || name.EndsWith("down.weight", StringComparison.Ordinal)) p.zero_();
            else if (name == "head.weight") { p.zero_(); p[token].fill_(1); }
        }
        return model;
    }
}
