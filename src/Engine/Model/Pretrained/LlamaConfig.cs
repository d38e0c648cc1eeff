using System.Text.Json.Nodes;

namespace Runner.Engine.Model.Pretrained;

/// <summary>
/// RoPE's frequency scaling as Llama 3.x's config.json gives it (transformers'
/// modeling_rope_utils.py, _compute_llama3_parameters): frequencies whose wavelength is longer than
/// original_max_position_embeddings / low_freq_factor are divided by factor, those shorter than
/// .../ high_freq_factor kept, those between blended. "linear" divides every frequency by factor.
/// </summary>
public sealed record RopeScaling(string Type, double Factor, double LowFrequencyFactor = 1, double HighFrequencyFactor = 4,
    int OriginalContext = 8192);

/// <summary>The parts of a Hugging Face LlamaConfig (config.json) the architecture depends on.</summary>
public sealed record LlamaConfig(
    int HiddenSize, int IntermediateSize, int Layers, int Heads, int KeyValueHeads, int HeadDim,
    int VocabularySize, double RmsNormEps, double RopeTheta, RopeScaling? RopeScaling, bool TieWordEmbeddings,
    int BosTokenId, int EosTokenId, int MaxPositionEmbeddings)
{
    /// <summary>Parameters of the model this config describes (the output head counted once when tied).</summary>
    public long ParameterCount =>
        Layers * (2L * HiddenSize * Heads * HeadDim + 2L * HiddenSize * KeyValueHeads * HeadDim + 3L * HiddenSize * IntermediateSize + 2L * HiddenSize)
        + (TieWordEmbeddings ? 1L : 2L) * VocabularySize * HiddenSize + HiddenSize;

    /// <summary>Parameters in a matrix product for each token (2 FLOPs each forward, 6 with backward): every linear layer and the output head.</summary>
    public long MatmulParameterCount =>
        Layers * (2L * HiddenSize * Heads * HeadDim + 2L * HiddenSize * KeyValueHeads * HeadDim + 3L * HiddenSize * IntermediateSize)
        + (long)VocabularySize * HiddenSize;

    /// <summary>Reads config.json; a missing key or an architecture Runner does not implement is a one-line error naming the file and key.</summary>
    public static LlamaConfig Read(string path)
    {
        JsonObject json;
        try { json = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new PretrainedException($"{path}: empty"); }
        catch (System.Text.Json.JsonException e) { throw new PretrainedException($"{path}: not JSON ({e.Message})"); }

        var modelType = Optional<string>(json, "model_type", path);
        if (modelType is not null && modelType != "llama")
            throw new PretrainedException($"{path}: model_type '{modelType}' is not 'llama'; Runner implements the Llama architecture only");
        foreach (var flag in new[] { "attention_bias", "mlp_bias" })
            if (Optional<bool?>(json, flag, path) == true) throw new PretrainedException($"{path}: {flag} true is not supported (Llama 3.x has no biases)");
        var act = Optional<string>(json, "hidden_act", path);
        if (act is not null && act != "silu") throw new PretrainedException($"{path}: hidden_act '{act}' is not supported (Llama uses silu)");
        if ((Optional<int?>(json, "pretraining_tp", path) ?? 1) != 1) throw new PretrainedException($"{path}: pretraining_tp other than 1 is not supported");

        int hidden = Required<int>(json, "hidden_size", path), heads = Required<int>(json, "num_attention_heads", path);
        int kvHeads = Optional<int?>(json, "num_key_value_heads", path) ?? heads;
        if (heads % kvHeads != 0) throw new PretrainedException($"{path}: num_attention_heads {heads} is not a multiple of num_key_value_heads {kvHeads}");
        return new LlamaConfig(
            hidden, Required<int>(json, "intermediate_size", path), Required<int>(json, "num_hidden_layers", path), heads, kvHeads,
            Optional<int?>(json, "head_dim", path) ?? hidden / heads,
            Required<int>(json, "vocab_size", path), Optional<double?>(json, "rms_norm_eps", path) ?? 1e-6,
            Optional<double?>(json, "rope_theta", path) ?? 10000, ReadRopeScaling(json, path),
            Optional<bool?>(json, "tie_word_embeddings", path) ?? false,
            Required<int>(json, "bos_token_id", path), FirstId(json, "eos_token_id", path),
            Optional<int?>(json, "max_position_embeddings", path) ?? 2048);
    }

    static RopeScaling? ReadRopeScaling(JsonObject json, string path)
    {
        if (json["rope_scaling"] is not JsonObject o) return null;
        var type = Optional<string>(o, "rope_type", path, "rope_scaling.") ?? Optional<string>(o, "type", path, "rope_scaling.") ?? "default";
        return type switch
        {
            "default" => null,
            "linear" => new RopeScaling(type, Required<double>(o, "factor", path, "rope_scaling.")),
            "llama3" => new RopeScaling(type, Required<double>(o, "factor", path, "rope_scaling."),
                Required<double>(o, "low_freq_factor", path, "rope_scaling."), Required<double>(o, "high_freq_factor", path, "rope_scaling."),
                Required<int>(o, "original_max_position_embeddings", path, "rope_scaling.")),
            _ => throw new PretrainedException($"{path}: rope_scaling.rope_type '{type}' is not supported (Runner implements default, linear and llama3)"),
        };
    }

    /// <summary>eos_token_id is a number, or a list whose first entry ends a base model's text (Llama 3.2: 128001).</summary>
    static int FirstId(JsonObject json, string key, string path) => json[key] switch
    {
        JsonArray { Count: > 0 } list => list[0]!.GetValue<int>(),
        JsonValue => Required<int>(json, key, path),
        _ => throw new PretrainedException($"{path}: key '{key}' is missing"),
    };

    static T Required<T>(JsonObject json, string key, string path, string prefix = "") =>
        json[key] is null ? throw new PretrainedException($"{path}: key '{prefix}{key}' is missing") : Optional<T>(json, key, path, prefix)!;

    static T? Optional<T>(JsonObject json, string key, string path, string prefix = "")
    {
        if (json[key] is not { } node) return default;
        try
        {
            var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
            // JSON writes 1e-05 and 500000.0 alike: read numbers as double, then narrow.
            if (type == typeof(int)) return (T)(object)checked((int)node.GetValue<double>());
            return (T)(type == typeof(double) ? node.GetValue<double>() : type == typeof(bool) ? node.GetValue<bool>() : (object)node.GetValue<string>());
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException)
        {
            throw new PretrainedException($"{path}: key '{prefix}{key}' has value {node.ToJsonString()}, not a {typeof(T).Name.Replace("Nullable`1", "number")}");
        }
    }

    /// <summary>config.json for this architecture, as transformers writes a LlamaForCausalLM's.</summary>
    public JsonObject ToJson(string torchDtype = "float32")
    {
        var json = new JsonObject
        {
            ["architectures"] = new JsonArray("LlamaForCausalLM"),
            ["model_type"] = "llama",
            ["hidden_size"] = HiddenSize,
            ["intermediate_size"] = IntermediateSize,
            ["num_hidden_layers"] = Layers,
            ["num_attention_heads"] = Heads,
            ["num_key_value_heads"] = KeyValueHeads,
            ["head_dim"] = HeadDim,
            ["vocab_size"] = VocabularySize,
            ["rms_norm_eps"] = RmsNormEps,
            ["rope_theta"] = RopeTheta,
            ["tie_word_embeddings"] = TieWordEmbeddings,
            ["bos_token_id"] = BosTokenId,
            ["eos_token_id"] = EosTokenId,
            ["max_position_embeddings"] = MaxPositionEmbeddings,
            ["hidden_act"] = "silu",
            ["attention_bias"] = false,
            ["mlp_bias"] = false,
            ["torch_dtype"] = torchDtype,
        };
        if (RopeScaling is { } s)
            json["rope_scaling"] = s.Type == "linear"
                ? new JsonObject { ["rope_type"] = "linear", ["factor"] = s.Factor }
                : new JsonObject
                {
                    ["rope_type"] = s.Type, ["factor"] = s.Factor, ["low_freq_factor"] = s.LowFrequencyFactor,
                    ["high_freq_factor"] = s.HighFrequencyFactor, ["original_max_position_embeddings"] = s.OriginalContext,
                };
        return json;
    }
}
