using Runner.Core.Model;
using TorchSharp;
using TorchSharp.Modules;
using F = TorchSharp.torch.nn.functional;
using static TorchSharp.torch;

namespace Runner.Engine.Model;

/// <summary>
/// LLaMA-style decoder with no positional encoding (NoPE): pre-RMSNorm blocks of causal
/// multi-head attention and a SwiGLU MLP, no biases, untied input and output embeddings,
/// a final RMSNorm. Causality alone tells the model where it is.
/// </summary>
public sealed class Transformer : LanguageModel
{
    public TransformerShape Shape { get; }
    readonly Embedding embedding;
    readonly ModuleList<Block> blocks;
    readonly RmsNorm norm;
    readonly Linear head;

    public Transformer(TransformerShape shape) : base("transformer")
    {
        Shape = shape;
        embedding = nn.Embedding(shape.VocabularySize, shape.DModel);
        blocks = nn.ModuleList(Enumerable.Range(0, shape.Layers).Select(_ => new Block(shape)).ToArray());
        norm = new RmsNorm(shape.DModel);
        head = nn.Linear(shape.DModel, shape.VocabularySize, hasBias: false);
        RegisterComponents();
        // GPT-2/LLaMA-style small normal init; draws from torch's global generator, which the caller seeds.
        using var _ = no_grad();
        foreach (var module in modules())
            if (module is Linear or Embedding) nn.init.normal_(module.get_parameter("weight"), 0.0, 0.02);
    }

    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>
    /// The dtype of the matrix products and attention (bf16 for the spec's <c>training.precision:
    /// bf16</c>), or null for the weights' own. Mixed precision as PyTorch's autocast splits it,
    /// by hand: each product casts its input and a copy of its fp32 weight (autograd carries the
    /// gradient back to the fp32 weight), the residual stream, the norms and the logits stay fp32,
    /// so softmax and the loss are computed in fp32. The KV cache holds keys and values in this dtype.
    /// </summary>
    public ScalarType? MatmulType { get; set; }

    /// <summary>The dtype of the KV cache's keys and values: those the attention computes.</summary>
    // The head's weight, not the embedding's: TorchSharp's Embedding.weight makes a new native wrapper each read.
    public ScalarType CacheType => MatmulType ?? head.weight.dtype;

    /// <summary>
    /// Loads weights saved by <c>save</c> into the existing parameter tensors, wherever they live.
    /// TorchSharp 0.107's Module.load moves a CUDA model to the CPU, loads, and moves it back
    /// (src/TorchSharp/NN/Module.cs:989 and 1018), replacing every parameter (see
    /// <see cref="LanguageModel.HoldParameters"/>); Tensor.Load instead copies the bytes into the tensor in place,
    /// through a CPU temporary for a device tensor (src/TorchSharp/Tensor/TensorExtensionMethods.cs:449-480).
    /// The file is TorchSharp's (Module.save_state_dict, Module.cs:917-934): an entry count, then
    /// name and tensor pairs; its LEB128 count (Utils/LEB128Codec.cs:67) is .NET's 7-bit encoding.
    /// </summary>
    public override nn.Module load(BinaryReader reader, bool strict = true, IList<string>? skip = null,
        Dictionary<string, bool>? loadedParameters = null)
    {
        var state = state_dict();
        long entries = reader.Read7BitEncodedInt64();
        if (strict && entries != state.Count)
            throw new ArgumentException($"Mismatched state_dict sizes: expected {state.Count}, but found {entries} entries.");
        for (long i = 0; i < entries; i++)
        {
            var key = reader.ReadString();
            bool found = state.TryGetValue(key, out var target);
            if (!found && strict)
                throw new ArgumentException($"Mismatched module state names: the model has no parameter or buffer named '{key}'");
            if (found && skip?.Contains(key) != true) target!.Load(reader);
            else TensorExtensionMethods.Load(reader, skip: true).Dispose();
            loadedParameters?.Add(key, found);
        }
        return this;
    }

    /// <summary>
    /// Forward with an explicit boolean attention mask [batch, 1, time, keys] (true = may attend)
    /// for left-padded prompts or packed training rows (null: causal), and an optional KV cache
    /// that this call appends to. With <paramref name="lastOnly"/> it returns the logits of the
    /// last position alone [batch, 1, vocab], which is all a decoder reads after its prompts: the
    /// last block then computes keys and values for every position (the cache needs them) but its
    /// queries, attention and MLP for the last one only.
    /// </summary>
    public override Tensor Forward(Tensor tokens, Tensor? attentionMask, KvCache? cache, bool lastOnly = false)
    {
        var x = embedding.forward(tokens);
        for (int i = 0; i < blocks.Count; i++)
            x = blocks[i].Forward(x, attentionMask, cache?.Layer(i), cache?.Length ?? 0, lastOnly && i == blocks.Count - 1, MatmulType);
        if (cache is not null) cache.Length += (int)tokens.shape[1];
        var logits = Project(head, norm.forward(x), MatmulType);
        return MatmulType is null ? logits : logits.to(ScalarType.Float32);
    }

    public override KvCache NewCache(long batch, int maxLength, Device device) => new(Shape, batch, maxLength, device, CacheType);

    public override long CacheBytesPerPosition => 2L * Shape.Layers * Shape.DModel * (CacheType == ScalarType.BFloat16 ? 2 : 4);

    public override TransformerShape SizingShape => Shape;

    /// <summary>A bias-free linear layer, its product computed in <paramref name="type"/> when one is given (see <see cref="MatmulType"/>).</summary>
    static Tensor Project(Linear layer, Tensor x, ScalarType? type) =>
        type is { } t ? F.linear(x.to(t), layer.weight!.to(t)) : layer.forward(x);

    sealed class Block : nn.Module<Tensor, Tensor>
    {
        readonly RmsNorm attentionNorm, mlpNorm;
        readonly Linear qkv, output, gateUp, down;
        readonly int heads, headDim, ffn;

        public Block(TransformerShape shape) : base("block")
        {
            heads = shape.Heads; headDim = shape.HeadDim; ffn = shape.Ffn;
            attentionNorm = new RmsNorm(shape.DModel);
            mlpNorm = new RmsNorm(shape.DModel);
            qkv = nn.Linear(shape.DModel, 3 * shape.DModel, hasBias: false);
            output = nn.Linear(shape.DModel, shape.DModel, hasBias: false);
            gateUp = nn.Linear(shape.DModel, 2 * shape.Ffn, hasBias: false);
            down = nn.Linear(shape.Ffn, shape.DModel, hasBias: false);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => Forward(x, null, null, 0, lastOnly: false, matmul: null);

        /// <summary>With <paramref name="lastOnly"/>, the output of the last position alone [batch, 1, d].</summary>
        public Tensor Forward(Tensor x, Tensor? mask, (Tensor Keys, Tensor Values)? cache, int cached, bool lastOnly, ScalarType? matmul)
        {
            var attended = Attention(attentionNorm.forward(x), mask, cache, cached, lastOnly, matmul);
            if (lastOnly) x = x.narrow(1, x.shape[1] - 1, 1);
            x = x + attended; // fp32 + bf16 promotes: the residual stream stays fp32
            var gu = Project(gateUp, mlpNorm.forward(x), matmul).chunk(2, -1);
            return x + Project(down, F.silu(gu[0]) * gu[1], matmul);
        }

        Tensor Attention(Tensor x, Tensor? mask, (Tensor Keys, Tensor Values)? cache, int cached, bool lastOnly, ScalarType? matmul)
        {
            long batch = x.shape[0], time = x.shape[1];
            // [batch, time, 3, heads, headDim] -> three of [batch, heads, time, headDim]
            var qkvHeads = Project(qkv, x, matmul).view(batch, time, 3, heads, headDim).permute(2, 0, 3, 1, 4);
            Tensor q = qkvHeads[0], k = qkvHeads[1], v = qkvHeads[2];
            if (cache is { } layerCache)
            {
                var (keys, values) = layerCache;
                keys.narrow(2, cached, time).copy_(k);
                values.narrow(2, cached, time).copy_(v);
                k = keys.narrow(2, 0, cached + time);
                v = values.narrow(2, 0, cached + time);
            }
            if (lastOnly)
            {
                // The last query alone: it may see every key so far, as the last row of the mask says.
                q = q.narrow(2, time - 1, 1);
                mask = mask?.narrow(2, time - 1, 1);
                time = 1;
            }
            // is_causal aligns its mask to the top-left: right only when the queries start at key 0.
            else if (mask is null && cached > 0)
                throw new InvalidOperationException("a forward over a filled KV cache needs an explicit attention mask");
            var attended = mask is not null ? F.scaled_dot_product_attention(q, k, v, attn_mask: mask)
                : lastOnly ? F.scaled_dot_product_attention(q, k, v)
                : F.scaled_dot_product_attention(q, k, v, is_casual: true);
            return Project(output, attended.transpose(1, 2).reshape(batch, time, heads * headDim), matmul);
        }
    }

    /// <summary>RMSNorm (TorchSharp 0.107 has none): x / rms(x) * weight.</summary>
    sealed class RmsNorm : nn.Module<Tensor, Tensor>, INormalization
    {
        readonly Parameter weight;
        public RmsNorm(int size) : base("norm")
        {
            weight = nn.Parameter(ones(size));
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) =>
            x * rsqrt(x.pow(HeldScalars.Two).mean([-1], keepdim: true).add(HeldScalars.Epsilon, HeldScalars.One)) * weight;
    }
}

/// <summary>
/// Keys and values of every layer for batched greedy decoding, preallocated to the longest
/// sequence so each step writes in place instead of concatenating.
/// </summary>
public sealed class KvCache : IDisposable
{
    readonly Tensor[] keys, values;
    public int Length { get; internal set; }

    public KvCache(TransformerShape shape, long batch, int maxLength, Device device, ScalarType dtype = ScalarType.Float32)
        : this(shape.Layers, shape.Heads, shape.HeadDim, batch, maxLength, device, dtype) { }

    /// <summary>A cache of <paramref name="heads"/> key/value heads a layer (fewer than the query heads under grouped-query attention).</summary>
    public KvCache(int layers, int heads, int headDim, long batch, int maxLength, Device device, ScalarType dtype = ScalarType.Float32)
    {
        keys = new Tensor[layers];
        values = new Tensor[layers];
        for (int i = 0; i < layers; i++)
        {
            keys[i] = zeros([batch, heads, maxLength, headDim], dtype, device);
            values[i] = zeros([batch, heads, maxLength, headDim], dtype, device);
        }
    }

    KvCache(Tensor[] keys, Tensor[] values)
    {
        this.keys = keys;
        this.values = values;
    }

    /// <summary>The rows [start, start + count) as a cache of their own, empty, sharing this one's memory.</summary>
    public KvCache Rows(long start, long count) =>
        new(keys.Select(k => k.narrow(0, start, count)).ToArray(), values.Select(v => v.narrow(0, start, count)).ToArray());

    internal (Tensor Keys, Tensor Values) Layer(int i) => (keys[i], values[i]);

    public void Dispose()
    {
        foreach (var t in keys.Concat(values)) t.Dispose();
    }
}
