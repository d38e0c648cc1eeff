using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Runner.Core.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Engine.Model.Pretrained;

/// <summary>
/// Writes a trained model as a Hugging Face Llama directory — config.json, model.safetensors
/// (float32), tokenizer.json, tokenizer_config.json — which transformers' LlamaForCausalLM and
/// PreTrainedTokenizerFast load as they are, and which a spec can start from (model.pretrained).
/// A from-scratch Transformer becomes a Llama with as many key/value heads as heads, untied
/// embeddings and its RMSNorm eps (1e-6); Llama has no "no positional encoding" setting, so its
/// rotary embedding is made the identity: linear rope_scaling with factor 1e30 divides every
/// frequency to below 1e-30, so at any position below 10^24 cos is 1 and sin under 1e-6 of a
/// float32 ulp. A pretrained model is written with its LoRA adapters merged (W + alpha/rank B A)
/// and the base model's own tokenizer files.
/// </summary>
public static class HuggingFaceExport
{
    const double NoRotation = 1e30;
    // Relaxed escaping writes "<pad>" as itself, not \u003Cpad\u003E: the files are for people to read too.
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(LanguageModel model, Tokenizer tokenizer, string folder, string? baseFolder = null)
    {
        Directory.CreateDirectory(folder);
        using var _ = no_grad();
        switch (model)
        {
            case Transformer transformer:
                var config = ConfigOf(transformer.Shape, tokenizer);
                File.WriteAllText(Path.Combine(folder, LlamaCheckpoint.ConfigFile), config.ToJson().ToJsonString(Indented) + "\n");
                SafetensorsFile.Write(Path.Combine(folder, LlamaCheckpoint.WeightsFile), WeightsOf(transformer), Metadata);
                WriteTokenizer(tokenizer, folder);
                break;
            case PretrainedModel pretrained:
                if (baseFolder is null) throw new ArgumentException("a pretrained model's export needs its base directory (for its tokenizer files)");
                File.WriteAllText(Path.Combine(folder, LlamaCheckpoint.ConfigFile), pretrained.Llama.Config.ToJson().ToJsonString(Indented) + "\n");
                using (var scope = NewDisposeScope())
                    SafetensorsFile.Write(Path.Combine(folder, LlamaCheckpoint.WeightsFile), pretrained.Llama.MergedWeights(), Metadata);
                foreach (var file in new[] { LlamaCheckpoint.TokenizerFile, "tokenizer_config.json", "special_tokens_map.json", "generation_config.json" })
                    if (File.Exists(Path.Combine(baseFolder, file))) File.Copy(Path.Combine(baseFolder, file), Path.Combine(folder, file), overwrite: true);
                break;
            default:
                throw new ArgumentException($"no Hugging Face export for {model.GetType().Name}");
        }
    }

    static readonly IReadOnlyDictionary<string, string> Metadata = new Dictionary<string, string> { ["format"] = "pt" };

    /// <summary>The Llama config of the paper's decoder: MHA, untied, eps 1e-6, the identity rotation.</summary>
    public static LlamaConfig ConfigOf(TransformerShape shape, Tokenizer tokenizer) =>
        new(shape.DModel, shape.Ffn, shape.Layers, shape.Heads, shape.Heads, shape.HeadDim, tokenizer.VocabularySize,
            RmsNormEps: 1e-6, RopeTheta: 10000, new RopeScaling("linear", NoRotation), TieWordEmbeddings: false,
            BosTokenId: Tokenizer.Bos, EosTokenId: Tokenizer.Eos, MaxPositionEmbeddings: shape.Context);

    /// <summary>The Transformer's tensors under HF's names: the fused qkv split into q, k, v rows, gateUp into gate and up.</summary>
    static IEnumerable<(string, Tensor)> WeightsOf(Transformer model)
    {
        var state = model.state_dict();
        int d = model.Shape.DModel, ffn = model.Shape.Ffn;
        yield return ("model.embed_tokens.weight", state["embedding.weight"]);
        for (int i = 0; i < model.Shape.Layers; i++)
        {
            string from = $"blocks.{i}.", to = $"model.layers.{i}.";
            var qkv = state[from + "qkv.weight"];
            yield return (to + "self_attn.q_proj.weight", qkv.narrow(0, 0, d));
            yield return (to + "self_attn.k_proj.weight", qkv.narrow(0, d, d));
            yield return (to + "self_attn.v_proj.weight", qkv.narrow(0, 2 * d, d));
            yield return (to + "self_attn.o_proj.weight", state[from + "output.weight"]);
            var gateUp = state[from + "gateUp.weight"];
            yield return (to + "mlp.gate_proj.weight", gateUp.narrow(0, 0, ffn));
            yield return (to + "mlp.up_proj.weight", gateUp.narrow(0, ffn, ffn));
            yield return (to + "mlp.down_proj.weight", state[from + "down.weight"]);
            yield return (to + "input_layernorm.weight", state[from + "attentionNorm.weight"]);
            yield return (to + "post_attention_layernorm.weight", state[from + "mlpNorm.weight"]);
        }
        yield return ("model.norm.weight", state["norm.weight"]);
        yield return ("lm_head.weight", state["head.weight"]);
    }

    /// <summary>
    /// A WordLevel tokenizer with Runner's ids (PAD 0, BOS 1, EOS 2, then the task's tokens), split
    /// as Runner splits: at each position the longest token ("52" before "5").
    /// </summary>
    static void WriteTokenizer(Tokenizer tokenizer, string folder)
    {
        string[] specials = ["<pad>", "<bos>", "<eos>"];
        var tokens = Enumerable.Range(Tokenizer.Eos + 1, tokenizer.VocabularySize - Tokenizer.Eos - 1).Select(id => tokenizer.Decode([id])).ToList();
        var vocab = new JsonObject();
        for (int id = 0; id < specials.Length; id++) vocab[specials[id]] = id;
        for (int i = 0; i < tokens.Count; i++) vocab[tokens[i]] = Tokenizer.Eos + 1 + i;
        var alternatives = string.Join("|", tokens.OrderByDescending(t => t.Length).ThenBy(t => t, StringComparer.Ordinal).Select(Regex.Escape));
        var json = new JsonObject
        {
            ["version"] = "1.0",
            ["truncation"] = null,
            ["padding"] = null,
            ["added_tokens"] = new JsonArray(specials.Select((s, id) => (JsonNode)new JsonObject
            {
                ["id"] = id, ["content"] = s, ["single_word"] = false, ["lstrip"] = false, ["rstrip"] = false, ["normalized"] = false, ["special"] = true,
            }).ToArray()),
            ["normalizer"] = null,
            ["pre_tokenizer"] = new JsonObject { ["type"] = "Split", ["pattern"] = new JsonObject { ["Regex"] = alternatives }, ["behavior"] = "Isolated", ["invert"] = false },
            ["post_processor"] = null,
            ["decoder"] = null,
            ["model"] = new JsonObject { ["type"] = "WordLevel", ["vocab"] = vocab, ["unk_token"] = "<pad>" },
        };
        File.WriteAllText(Path.Combine(folder, LlamaCheckpoint.TokenizerFile), json.ToJsonString(Indented) + "\n");
        var config = new JsonObject
        {
            ["tokenizer_class"] = "PreTrainedTokenizerFast", ["bos_token"] = "<bos>", ["eos_token"] = "<eos>", ["pad_token"] = "<pad>",
            ["unk_token"] = "<pad>", ["model_max_length"] = 1_000_000, ["clean_up_tokenization_spaces"] = false,
        };
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), config.ToJsonString(Indented) + "\n");
    }
}
