using System.Globalization;
using Runner.Core.Model;
using Runner.Core.Plans;
using Runner.Core.Specs;
using Runner.Engine.Runs;

namespace Runner.Engine.Model.Pretrained;

/// <summary>
/// What `runner plan` says of a spec's pretrained model, from its config.json alone (no weights
/// needed): parameters, what LoRA trains, and a transformer shape with the same per-token matrix
/// work, so the plan's FLOP counts are the Llama's. A spec validates and plans without the
/// directory; the plan then says that it cannot count.
/// </summary>
public static class PretrainedPlan
{
    /// <summary>The config of the spec's base model, or null when it trains from scratch or the config is not on this machine.</summary>
    public static LlamaConfig? ConfigOf(Spec spec)
    {
        if (spec.Model.Pretrained is not { } pretrained) return null;
        var path = Path.Combine(PretrainedSpecRules.Folder(pretrained), LlamaCheckpoint.ConfigFile);
        return File.Exists(path) ? LlamaConfig.Read(path) : null;
    }

    /// <summary>LoRA's adapter parameters on q, k, v, o, gate, up and down of every layer: rank x (in + out) each.</summary>
    public static long LoraParameters(LlamaConfig c, int rank)
    {
        long h = c.HiddenSize, q = (long)c.Heads * c.HeadDim, kv = (long)c.KeyValueHeads * c.HeadDim, f = c.IntermediateSize;
        return c.Layers * rank * ((h + q) + 2 * (h + kv) + (q + h) + 2 * (h + f) + (f + h));
    }

    /// <summary>
    /// A shape whose matrix products cost what the Llama's do per token: its attention (q and o of
    /// heads x head_dim, k and v of kv_heads x head_dim) is folded into the MLP width. The
    /// attention-score term uses d_model = hidden, which is heads x head_dim in Llama 3.2.
    /// </summary>
    public static TransformerShape EquivalentShape(LlamaConfig c, int context)
    {
        long h = c.HiddenSize, q = (long)c.Heads * c.HeadDim, kv = (long)c.KeyValueHeads * c.HeadDim;
        long attention = 2 * h * q + 2 * h * kv;
        int ffn = (int)Math.Round((attention + 3.0 * h * c.IntermediateSize - 4.0 * h * h) / (3.0 * h));
        return new TransformerShape(c.Layers, c.Heads, c.HiddenSize, ffn, c.VocabularySize, context);
    }

    /// <summary>The forecast with the base model's shape, when its config is on this machine.</summary>
    public static RunForecast WithBaseShape(RunForecast forecast) =>
        ConfigOf(forecast.Plan.Spec) is { } c ? forecast with { Shape = EquivalentShape(c, forecast.Plan.Spec.Model.Context) } : forecast;

    /// <summary>The plan's description of the model, or null for a from-scratch one.</summary>
    public static string? Describe(Spec spec)
    {
        if (spec.Model.Pretrained is not { } pretrained) return null;
        var folder = PretrainedSpecRules.Folder(pretrained);
        if (ConfigOf(spec) is not { } c)
            return $"Llama from {pretrained.Path} (not on this machine: parameters unknown, and the training column below counts " +
                $"model.layers/d_model's from-scratch transformer instead; {folder}/config.json is all the plan needs)";
        var trains = pretrained.Lora is { } lora
            ? $"LoRA rank {lora.Rank}, alpha {N(lora.Alpha)}{(lora.Dropout > 0 ? $", dropout {N(lora.Dropout)}" : "")} trains {N(LoraParameters(c, lora.Rank))} " +
              $"({N(100.0 * LoraParameters(c, lora.Rank) / c.ParameterCount, "0.00")} %; the training FLOPs below count a full backward pass, of which LoRA skips the frozen weights' gradients, about a third)"
            : "every weight trains";
        return $"{N(c.ParameterCount)} parameters (Llama from {pretrained.Path}: {c.Layers} layers, hidden {N(c.HiddenSize)}, " +
            $"{c.Heads} heads / {c.KeyValueHeads} key-value heads, vocabulary {N(c.VocabularySize)}{(c.TieWordEmbeddings ? ", tied" : "")}); {trains}";
    }

    static string N(double value, string format = "#,0.##") => value.ToString(format, CultureInfo.InvariantCulture);
}
