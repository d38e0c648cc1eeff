using Runner.Core.Model;
using static TorchSharp.torch;

namespace Runner.Engine.Model.Pretrained;

/// <summary>
/// A Hugging Face Llama checkpoint directory on disk: config.json, the weights (model.safetensors,
/// or shards listed in model.safetensors.index.json) and tokenizer.json. Runner never downloads
/// one (docs/pretrained.md says how to fetch it). Opening reads the config and the weight files'
/// headers only; <see cref="Load"/> reads the tensors.
/// </summary>
public sealed class LlamaCheckpoint
{
    public const string ConfigFile = "config.json", WeightsFile = "model.safetensors",
        IndexFile = "model.safetensors.index.json", TokenizerFile = "tokenizer.json";

    public string Folder { get; }
    public LlamaConfig Config { get; }
    /// <summary>Each tensor's header entry and the file that holds it.</summary>
    public IReadOnlyDictionary<string, (SafetensorsFile File, SafetensorsEntry Entry)> Tensors { get; }
    public string TokenizerPath => Path.Combine(Folder, TokenizerFile);

    LlamaCheckpoint(string folder, LlamaConfig config, IReadOnlyDictionary<string, (SafetensorsFile, SafetensorsEntry)> tensors)
    {
        Folder = folder;
        Config = config;
        Tensors = tensors;
    }

    public static LlamaCheckpoint Open(string folder)
    {
        if (!Directory.Exists(folder)) throw new PretrainedException($"{folder}: no such directory (a Hugging Face Llama checkpoint: config.json, model.safetensors, tokenizer.json)");
        var configPath = Path.Combine(folder, ConfigFile);
        if (!File.Exists(configPath)) throw new PretrainedException($"{configPath}: missing (the checkpoint's config)");
        var config = LlamaConfig.Read(configPath);
        var tensors = new Dictionary<string, (SafetensorsFile, SafetensorsEntry)>();
        foreach (var file in WeightFiles(folder).Select(SafetensorsFile.Open))
            foreach (var entry in file.Entries.Values) tensors[entry.Name] = (file, entry);
        if (!File.Exists(Path.Combine(folder, TokenizerFile)))
            throw new PretrainedException($"{Path.Combine(folder, TokenizerFile)}: missing (Runner maps its characters to the base vocabulary through it)");
        return new LlamaCheckpoint(folder, config, tensors);
    }

    /// <summary>The weight files (<see cref="BaseCheckpoint.Files"/> less config.json), their errors as checkpoint errors.</summary>
    static IReadOnlyList<string> WeightFiles(string folder)
    {
        try { return BaseCheckpoint.Files(folder).Skip(1).ToList(); }
        catch (Exception e) when (e is IOException or FormatException) { throw new PretrainedException(e.Message); }
    }

    /// <summary>What the base model computes, as a hash (<see cref="BaseCheckpoint.ContentHash"/>).</summary>
    public string ContentHash() => BaseCheckpoint.ContentHash(Folder);

    /// <summary>
    /// A model of the config with every base weight read from the files (float32, on the CPU),
    /// LoRA adapters as <paramref name="lora"/> initialises them. Every tensor the architecture
    /// needs must be there with its shape; a missing or misshaped one is an error naming it.
    /// Tensors the architecture does not use (rotary_emb.inv_freq of old exports) are ignored.
    /// </summary>
    public Llama Load(LoraSettings? lora = null)
    {
        var model = new Llama(Config, lora);
        using var _ = no_grad();
        foreach (var (name, weight) in model.Weights)
        {
            if (!Tensors.TryGetValue(name, out var found))
                throw new PretrainedException($"{Folder}: tensor '{name}' is missing from the weights (config.json describes a model that needs it)");
            if (!found.Entry.Shape.SequenceEqual(weight.shape))
                throw new PretrainedException($"{found.File.Path}: tensor '{name}' has shape [{string.Join(", ", found.Entry.Shape)}], config.json needs [{string.Join(", ", weight.shape)}]");
            using var values = found.File.Read(name);
            weight.copy_(values);
        }
        return model;
    }
}
