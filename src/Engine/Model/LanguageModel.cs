using Runner.Core.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Runner.Engine.Model;

/// <summary>
/// What training, decoding and confidence need of a model, over Runner's token ids: the paper's
/// from-scratch <see cref="Transformer"/> or a pretrained Llama with LoRA
/// (<see cref="Pretrained.PretrainedModel"/>).
/// </summary>
public abstract class LanguageModel(string name) : nn.Module<Tensor, Tensor>(name)
{
    /// <summary>
    /// Tokens [batch, time] -> scores [batch, time, outputs] whose argmax is the next token and
    /// whose log_softmax its log-probability. <paramref name="attentionMask"/> [batch, 1, time, keys]
    /// (true = may attend; null: causal); the cache, if given, is appended to; with
    /// <paramref name="lastOnly"/> the last position's alone [batch, 1, outputs].
    /// </summary>
    public abstract Tensor Forward(Tensor tokens, Tensor? attentionMask, KvCache? cache, bool lastOnly = false);

    public override Tensor forward(Tensor tokens) => Forward(tokens, attentionMask: null, cache: null);

    /// <summary>A cache for batched decoding of up to <paramref name="maxLength"/> positions.</summary>
    public abstract KvCache NewCache(long batch, int maxLength, Device device);

    /// <summary>Bytes the cache holds for one row at one position (keys and values of every layer): what sizes a GPU's decode batch.</summary>
    public abstract long CacheBytesPerPosition { get; }

    /// <summary>The decoder's size as decode sizing reads it: width, MLP and the matmul parameters a token costs.</summary>
    public abstract TransformerShape SizingShape { get; }

    /// <summary>The parameters an optimizer updates (all of them, or LoRA's adapters alone).</summary>
    public IReadOnlyList<Parameter> TrainableParameters => parameters().Where(p => p.requires_grad).ToList();

    /// <summary>The trainable parameters of the model's normalisation layers (<see cref="INormalization"/>).</summary>
    public IReadOnlyList<Parameter> TrainableNormParameters => modules().OfType<INormalization>()
        .SelectMany(norm => ((nn.Module)norm).parameters()).Where(p => p.requires_grad).ToList();

    /// <summary>Writes what training changes (a round's checkpoint): every weight, or a pretrained model's adapters.</summary>
    public virtual void SaveTrained(string path) => save(path);

    /// <summary>Reads what <see cref="SaveTrained"/> wrote, in place, into the tensors an optimizer may hold.</summary>
    public void LoadTrained(string path) => load(path);

    /// <summary>
    /// Marks the parameters as held by an optimizer: from now on moving the model (to, cpu, cuda,
    /// a dtype) throws. A move in TorchSharp 0.107 makes new Parameter objects and disposes the old
    /// ones (src/TorchSharp/NN/Module.cs:262-276), which the optimizer still holds: its next
    /// zero_grad would fail with "Tensor invalid -- empty handle". Place the model, then build the optimizer.
    /// </summary>
    public void HoldParameters(string holder) => heldBy = holder;

    string? heldBy;

    // Every move (to, cpu, cuda, a dtype) goes through one of these (Module.cs:1733-1826).
    protected override nn.Module _to(Device device, ScalarType dtype, bool non_blocking)
    {
        RefuseMoveWhenHeld();
        return base._to(device, dtype, non_blocking);
    }

    protected override nn.Module _to(DeviceType deviceType, int deviceIndex, bool non_blocking)
    {
        RefuseMoveWhenHeld();
        return base._to(deviceType, deviceIndex, non_blocking);
    }

    protected override nn.Module _to(ScalarType dtype, bool non_blocking)
    {
        RefuseMoveWhenHeld();
        return base._to(dtype, non_blocking);
    }

    void RefuseMoveWhenHeld()
    {
        if (heldBy is not null)
            throw new InvalidOperationException($"the model cannot move once {heldBy} holds its parameters (a move replaces them): place it first");
    }
}
