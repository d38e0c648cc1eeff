using static System.FormattableString;

namespace Runner.Core.Specs;

/// <summary>
/// model.pretrained: a Hugging Face Llama checkpoint directory to start from (config.json,
/// model.safetensors or its shards, tokenizer.json), fine-tuned with LoRA or, without lora, in
/// full. The architecture comes from its config.json: model.layers, heads, d_model and ffn do not
/// apply. Runner never downloads: the path is a directory on disk (docs/pretrained.md).
/// </summary>
public sealed record PretrainedSpec
{
    public string Path { get; init; } = "";
    /// <summary>null: every weight trains.</summary>
    public LoraSpec? Lora { get; init; }
}

/// <summary>LoRA on q, k, v, o, gate, up and down (the official code's target_modules); scale alpha / rank.</summary>
public sealed record LoraSpec
{
    public int Rank { get; init; } = 64;
    public double Alpha { get; init; } = 128;
    public double Dropout { get; init; }
}

/// <summary>
/// The checks of model.pretrained, called from <see cref="SpecValidator"/>. Whether the directory
/// is a checkpoint is checked when a run opens it: a spec validates on machines without the model.
/// </summary>
public static class PretrainedSpecRules
{
    public static IEnumerable<(string Path, string Message)> Check(ModelSpec model)
    {
        if (model.Pretrained is not { } pretrained) yield break;
        if (pretrained.Path == "")
            yield return ("model.pretrained.path", "required: a Hugging Face Llama checkpoint directory (give it with --set model.pretrained.path=DIR)");
        if (pretrained.Lora is { } lora)
        {
            if (lora.Rank < 1) yield return ("model.pretrained.lora.rank", Invariant($"must be at least 1 (got {lora.Rank})"));
            if (!(lora.Alpha > 0)) yield return ("model.pretrained.lora.alpha", Invariant($"must be greater than 0 (got {lora.Alpha})"));
            if (!(lora.Dropout >= 0 && lora.Dropout < 1)) yield return ("model.pretrained.lora.dropout", Invariant($"must be at least 0 and less than 1 (got {lora.Dropout})"));
        }
    }

    /// <summary>The directory: ~ is the home directory, a relative path is relative to the working directory.</summary>
    public static string Folder(PretrainedSpec pretrained) =>
        System.IO.Path.GetFullPath(pretrained.Path.StartsWith("~/", StringComparison.Ordinal)
            ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), pretrained.Path[2..])
            : pretrained.Path);
}
