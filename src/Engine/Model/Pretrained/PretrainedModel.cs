using Runner.Core.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Runner.Engine.Model.Pretrained;

/// <summary>
/// A pretrained Llama seen through Runner's tokenizer (the paper's section 7.3). Runner's ids go in
/// as the base model's ids for the same characters (<see cref="BaseVocabulary"/>); what comes out
/// are log-probabilities under the base model's whole vocabulary, one column for each of Runner's
/// tokens and a last one for all other base tokens together. So the loss on a label and its
/// confidence are exactly the base model's full-vocabulary ones, while decoding picks among
/// Runner's tokens and "something else" (which decodes as nothing and is read back as EOS). PAD's
/// column is -inf: it is never a target. The 128k-column logits exist one chunk of <see cref="ChunkPositions"/>
/// positions at a time.
/// </summary>
public sealed class PretrainedModel : LanguageModel
{
    public Llama Llama { get; }
    readonly Tensor baseIds;        // Runner id (and the "other" column) -> base id
    readonly Tensor outputIds;      // base ids of Runner's output columns but PAD
    readonly Tensor mapped;         // [base vocab] true where a Runner column reads it
    readonly int runnerVocabulary;
    static readonly Scalar NegativeInfinity = double.NegativeInfinity.ToScalar(); // held for the process: see HeldScalars

    /// <summary>Positions whose full-vocabulary logits are computed at once: 1,024 of Llama 3's 128,256 are 0.5 GB in float32.</summary>
    public int ChunkPositions { get; init; } = 1024;

    public PretrainedModel(Llama llama, int[] baseIdOfRunnerId) : base("pretrained")
    {
        Llama = llama;
        runnerVocabulary = baseIdOfRunnerId.Length;
        // The "other" column's id, when a decoder feeds it back, reads as EOS: the row's answer is wrong already.
        baseIds = tensor(baseIdOfRunnerId.Append(baseIdOfRunnerId[Tokenizer.Eos]).Select(i => (long)i).ToArray());
        outputIds = tensor(baseIdOfRunnerId.Skip(1).Select(i => (long)i).ToArray());
        var isMapped = new bool[llama.Config.VocabularySize];
        foreach (var id in baseIdOfRunnerId) isMapped[id] = true;
        mapped = tensor(isMapped);
        RegisterComponents();
    }

    /// <summary>Runner's tokens and the "any other base token" column.</summary>
    public int Outputs => runnerVocabulary + 1;

    public override Tensor Forward(Tensor tokens, Tensor? attentionMask, KvCache? cache, bool lastOnly = false)
    {
        var hidden = Llama.Hidden(baseIds.index_select(0, tokens.flatten()).view(tokens.shape), attentionMask, cache, lastOnly);
        long batch = hidden.shape[0], time = hidden.shape[1];
        var flat = hidden.reshape(batch * time, hidden.shape[2]);
        var chunks = new List<Tensor>();
        for (long start = 0; start < flat.shape[0]; start += ChunkPositions)
            chunks.Add(LogProbabilities(flat.narrow(0, start, Math.Min(ChunkPositions, flat.shape[0] - start))));
        var all = chunks.Count == 1 ? chunks[0] : cat(chunks, 0);
        return all.view(batch, time, Outputs);
    }

    /// <summary>[positions, hidden] -> [positions, Runner vocab + 1] log-probabilities under the full base vocabulary.</summary>
    Tensor LogProbabilities(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var logits = Llama.Logits(hidden);
        var total = logits.logsumexp(-1, keepdim: true);
        var runner = logits.index_select(-1, outputIds).sub(total);
        var others = logits.masked_fill(mapped, NegativeInfinity).logsumexp(-1, keepdim: true).sub(total);
        var pad = full([hidden.shape[0], 1], NegativeInfinity, dtype: logits.dtype, device: logits.device);
        return cat([pad, runner, others], -1).MoveToOuterDisposeScope();
    }

    public override KvCache NewCache(long batch, int maxLength, Device device) => Llama.NewCache(batch, maxLength, device);

    public override long CacheBytesPerPosition => 2L * Llama.Config.Layers * Llama.Config.KeyValueHeads * Llama.Config.HeadDim * 4;

    public override TransformerShape SizingShape => new(Llama.Config.Layers, Llama.Config.Heads, Llama.Config.HiddenSize,
        Llama.Config.IntermediateSize, Llama.Config.VocabularySize, Llama.Config.MaxPositionEmbeddings);



    /// <summary>The trained weights only (a round's checkpoint): LoRA's adapters, or every base weight when there are none.</summary>
    IReadOnlyList<(string Name, Parameter Weight)> Trained => Llama.Lora is null ? Llama.Weights : Llama.Adapters;

    /// <summary>Writes <see cref="Trained"/> in TorchSharp's state-dict format (count, then name and tensor pairs): the base stays in its checkpoint.</summary>
    public override void SaveTrained(string path)
    {
        var trained = Trained;
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write7BitEncodedInt64(trained.Count);
        foreach (var (name, weight) in trained)
        {
            writer.Write(name);
            weight.Save(writer);
        }
    }

    /// <summary>Reads what <see cref="SaveTrained"/> wrote, in place (the optimizer keeps holding the same tensors).</summary>
    public override nn.Module load(BinaryReader reader, bool strict = true, IList<string>? skip = null, Dictionary<string, bool>? loadedParameters = null)
    {
        var trained = Trained.ToDictionary(t => t.Name, t => t.Weight);
        long entries = reader.Read7BitEncodedInt64();
        if (strict && entries != trained.Count)
            throw new ArgumentException($"the checkpoint holds {entries} tensors, the model trains {trained.Count}");
        for (long i = 0; i < entries; i++)
        {
            var name = reader.ReadString();
            if (!trained.TryGetValue(name, out var target))
                throw new ArgumentException($"the checkpoint holds '{name}', which the model does not train");
            using (no_grad()) target.Load(reader);
        }
        return this;
    }
}
