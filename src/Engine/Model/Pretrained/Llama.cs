using TorchSharp;
using TorchSharp.Modules;
using F = TorchSharp.torch.nn.functional;
using static TorchSharp.torch;

namespace Runner.Engine.Model.Pretrained;

/// <summary>
/// The Llama 3.x decoder as Hugging Face transformers defines it (models/llama/modeling_llama.py):
/// token embedding; per layer RMSNorm, attention with rotary position embedding (RoPE, rotate-half
/// convention, llama3 frequency scaling) and grouped-query attention (query head h reads key/value
/// head h / (heads / kv_heads), as repeat_kv orders them), RMSNorm, SwiGLU MLP; a final RMSNorm and
/// the output head, tied to the embedding or not. Weights are addressed by HF's names
/// (<see cref="Weights"/>). Positions come from the attention mask, so left-padded prompts and
/// packed training rows get each example's own positions 0, 1, 2...
/// </summary>
public sealed class Llama : nn.Module<Tensor, Tensor>
{
    public LlamaConfig Config { get; }
    public LoraSettings? Lora { get; }
    readonly Parameter embedding;
    readonly ModuleList<Layer> layers;
    readonly RmsNorm norm;
    readonly Parameter? head;
    readonly Tensor inverseFrequencies;

    public Llama(LlamaConfig config, LoraSettings? lora = null) : base("llama")
    {
        Config = config;
        Lora = lora;
        bool baseTrains = lora is null;
        embedding = nn.Parameter(zeros(config.VocabularySize, config.HiddenSize), requires_grad: baseTrains);
        layers = nn.ModuleList(Enumerable.Range(0, config.Layers).Select(_ => new Layer(config, lora)).ToArray());
        norm = new RmsNorm(config.HiddenSize, config.RmsNormEps, baseTrains);
        head = config.TieWordEmbeddings ? null : nn.Parameter(zeros(config.VocabularySize, config.HiddenSize), requires_grad: baseTrains);
        inverseFrequencies = tensor(RopeFrequencies.Of(config));
        RegisterComponents();
    }

    /// <summary>Every base weight by its Hugging Face name (no lm_head.weight when tied), in the order HF's state_dict lists them.</summary>
    public IReadOnlyList<(string Name, Parameter Weight)> Weights
    {
        get
        {
            var list = new List<(string, Parameter)> { ("model.embed_tokens.weight", embedding) };
            for (int i = 0; i < layers.Count; i++)
                list.AddRange(layers[i].Weights.Select(w => ($"model.layers.{i}.{w.Name}", w.Weight)));
            list.Add(("model.norm.weight", norm.Weight));
            if (head is not null) list.Add(("lm_head.weight", head));
            return list;
        }
    }

    /// <summary>Every LoRA adapter tensor by PEFT's name (base_model.model. + the layer's name + lora_A/B.weight).</summary>
    public IReadOnlyList<(string Name, Parameter Weight)> Adapters =>
        Enumerable.Range(0, layers.Count).SelectMany(i => layers[i].Adapters.Select(a => ($"base_model.model.model.layers.{i}.{a.Name}", a.Weight))).ToList();

    /// <summary>
    /// Every weight by its HF name with LoRA's adapters merged in (W + alpha/rank B A): the model
    /// as a plain Llama computes it (dropout aside). New tensors, in the caller's dispose scope.
    /// </summary>
    public IEnumerable<(string Name, Tensor Weight)> MergedWeights()
    {
        var adapters = Adapters.ToDictionary(a => a.Name, a => a.Weight);
        using var scale = (Lora?.Scale ?? 0).ToScalar(); // held to the end: see HeldScalars
        foreach (var (name, weight) in Weights)
        {
            var stem = "base_model.model." + name[..^".weight".Length];
            if (adapters.TryGetValue(stem + ".lora_A.weight", out var a))
                yield return (name, weight.add(adapters[stem + ".lora_B.weight"].matmul(a).mul_(scale)));
            else yield return (name, weight);
        }
    }

    /// <summary>Base tokens [batch, time] -> logits over the whole base vocabulary [batch, time, vocab], causal.</summary>
    public override Tensor forward(Tensor tokens) => Logits(Hidden(tokens, null, null));

    /// <summary>The output head on final hidden states: [..., hidden] -> [..., vocab].</summary>
    public Tensor Logits(Tensor hidden) => F.linear(hidden, head ?? embedding);

    /// <summary>Rows of the output head: the logits of the given token ids alone.</summary>
    public Tensor Logits(Tensor hidden, Tensor ids) => F.linear(hidden, (head ?? embedding).index_select(0, ids));

    /// <summary>
    /// The final hidden states (after the last RMSNorm) [batch, time, hidden], or of the last
    /// position alone with <paramref name="lastOnly"/>. <paramref name="mask"/> [batch, 1, time, keys]
    /// (true = may attend; null: causal) also gives each query's position: the number of keys it
    /// may see, less one. A cache, if given, is appended to.
    /// </summary>
    public Tensor Hidden(Tensor tokens, Tensor? mask, KvCache? cache, bool lastOnly = false)
    {
        int cached = cache?.Length ?? 0;
        long time = tokens.shape[1];
        if (mask is null && cached > 0)
            throw new InvalidOperationException("a forward over a filled KV cache needs an explicit attention mask");
        var positions = mask is null
            ? arange(time, ScalarType.Float32, tokens.device).unsqueeze(0).expand(tokens.shape[0], time)
            : mask.squeeze(1).sum([-1], type: ScalarType.Float32).sub_(HeldScalars.One);
        var (cos, sin) = Rotation(positions);
        var x = embedding.index_select(0, tokens.flatten()).view(tokens.shape[0], time, Config.HiddenSize);
        for (int i = 0; i < layers.Count; i++)
            x = layers[i].Forward(x, cos, sin, mask, cache?.Layer(i), cached);
        if (cache is not null) cache.Length += (int)time;
        if (lastOnly) x = x.narrow(1, time - 1, 1);
        return norm.forward(x);
    }

    /// <summary>A KV cache for this model's key/value heads.</summary>
    public KvCache NewCache(long batch, int maxLength, Device device) =>
        new(Config.Layers, Config.KeyValueHeads, Config.HeadDim, batch, maxLength, device);

    /// <summary>cos and sin [batch, 1, time, head_dim] of each position's angles, the half-dimension frequencies repeated twice (HF's emb = cat(freqs, freqs)).</summary>
    (Tensor Cos, Tensor Sin) Rotation(Tensor positions)
    {
        var frequencies = inverseFrequencies.to(positions.device);
        var angles = positions.unsqueeze(-1) * frequencies;
        var both = cat([angles, angles], -1).unsqueeze(1);
        return (both.cos(), both.sin());
    }

    sealed class Layer : nn.Module<Tensor, Tensor>
    {
        readonly RmsNorm inputNorm, postAttentionNorm;
        readonly Projection q, k, v, o, gate, up, down;
        readonly int heads, kvHeads, headDim;

        public Layer(LlamaConfig c, LoraSettings? lora) : base("layer")
        {
            heads = c.Heads; kvHeads = c.KeyValueHeads; headDim = c.HeadDim;
            bool baseTrains = lora is null;
            inputNorm = new RmsNorm(c.HiddenSize, c.RmsNormEps, baseTrains);
            postAttentionNorm = new RmsNorm(c.HiddenSize, c.RmsNormEps, baseTrains);
            q = new Projection(c.HiddenSize, c.Heads * c.HeadDim, lora);
            k = new Projection(c.HiddenSize, c.KeyValueHeads * c.HeadDim, lora);
            v = new Projection(c.HiddenSize, c.KeyValueHeads * c.HeadDim, lora);
            o = new Projection(c.Heads * c.HeadDim, c.HiddenSize, lora);
            gate = new Projection(c.HiddenSize, c.IntermediateSize, lora);
            up = new Projection(c.HiddenSize, c.IntermediateSize, lora);
            down = new Projection(c.IntermediateSize, c.HiddenSize, lora);
            RegisterComponents();
        }

        IEnumerable<(string Name, Projection Projection)> Projections =>
        [
            ("self_attn.q_proj", q), ("self_attn.k_proj", k), ("self_attn.v_proj", v), ("self_attn.o_proj", o),
            ("mlp.gate_proj", gate), ("mlp.up_proj", up), ("mlp.down_proj", down),
        ];

        public IEnumerable<(string Name, Parameter Weight)> Weights =>
            Projections.Select(p => ($"{p.Name}.weight", p.Projection.Weight))
                .Append(("input_layernorm.weight", inputNorm.Weight))
                .Append(("post_attention_layernorm.weight", postAttentionNorm.Weight));

        public IEnumerable<(string Name, Parameter Weight)> Adapters =>
            Projections.Where(p => p.Projection.LoraA is not null).SelectMany(p => new[]
            {
                ($"{p.Name}.lora_A.weight", p.Projection.LoraA!), ($"{p.Name}.lora_B.weight", p.Projection.LoraB!),
            });

        public override Tensor forward(Tensor x) => throw new NotSupportedException("a layer needs positions: call Forward");

        public Tensor Forward(Tensor x, Tensor cos, Tensor sin, Tensor? mask, (Tensor Keys, Tensor Values)? cache, int cached)
        {
            x = x + Attention(inputNorm.forward(x), cos, sin, mask, cache, cached);
            var h = postAttentionNorm.forward(x);
            return x + down.forward(F.silu(gate.forward(h)) * up.forward(h));
        }

        Tensor Attention(Tensor x, Tensor cos, Tensor sin, Tensor? mask, (Tensor Keys, Tensor Values)? cache, int cached)
        {
            long batch = x.shape[0], time = x.shape[1];
            var queries = Rotate(q.forward(x).view(batch, time, heads, headDim).transpose(1, 2), cos, sin);
            var keys = Rotate(k.forward(x).view(batch, time, kvHeads, headDim).transpose(1, 2), cos, sin);
            var values = v.forward(x).view(batch, time, kvHeads, headDim).transpose(1, 2);
            if (cache is { } layerCache)
            {
                layerCache.Keys.narrow(2, cached, time).copy_(keys);
                layerCache.Values.narrow(2, cached, time).copy_(values);
                keys = layerCache.Keys.narrow(2, 0, cached + time);
                values = layerCache.Values.narrow(2, 0, cached + time);
            }
            // repeat_kv: query head h reads key/value head h / groups.
            int groups = heads / kvHeads;
            if (groups > 1)
            {
                keys = keys.repeat_interleave(groups, 1);
                values = values.repeat_interleave(groups, 1);
            }
            var attended = mask is not null ? F.scaled_dot_product_attention(queries, keys, values, attn_mask: mask)
                : F.scaled_dot_product_attention(queries, keys, values, is_casual: true);
            return o.forward(attended.transpose(1, 2).reshape(batch, time, heads * headDim));
        }

        /// <summary>HF's apply_rotary_pos_emb: x cos + rotate_half(x) sin, rotate_half(x) = (-x2, x1) of the two halves.</summary>
        static Tensor Rotate(Tensor x, Tensor cos, Tensor sin)
        {
            var halves = x.chunk(2, -1);
            var rotated = cat([halves[1].neg(), halves[0]], -1);
            return x * cos + rotated * sin;
        }
    }

    /// <summary>HF's LlamaRMSNorm: x / sqrt(mean(x²) + eps) · weight, eps from the config.</summary>
    sealed class RmsNorm : nn.Module<Tensor, Tensor>, INormalization
    {
        readonly Parameter weight;
        readonly Scalar eps;

        public RmsNorm(int size, double eps, bool trains) : base("norm")
        {
            weight = nn.Parameter(ones(size), requires_grad: trains);
            this.eps = eps.ToScalar();
            RegisterComponents();
        }

        public Parameter Weight => weight;

        public override Tensor forward(Tensor x) =>
            x * rsqrt(x.pow(HeldScalars.Two).mean([-1], keepdim: true).add(eps, HeldScalars.One)) * weight;
    }
}
