using Runner.Core.Model;
using Runner.Core.Specs;
using Runner.Engine.Model.Pretrained;
using Runner.Engine.Runs;

namespace Runner.Engine.Model;

/// <summary>
/// The model a spec trains: the paper's from-scratch transformer, or with model.pretrained a
/// Hugging Face Llama checkpoint read from disk, LoRA adapters on it when the spec asks. Random
/// initialisation (the transformer's weights, LoRA's A) draws from torch's global generator,
/// which the caller seeds.
/// </summary>
public static class ModelFactory
{
    public static LanguageModel Create(ModelSpec spec, Tokenizer tokenizer)
    {
        if (spec.Pretrained is not { } pretrained)
            return new Transformer(new TransformerShape(spec.Layers, spec.Heads, spec.DModel, spec.Ffn, tokenizer.VocabularySize, spec.Context));
        try
        {
            var checkpoint = LlamaCheckpoint.Open(PretrainedSpecRules.Folder(pretrained));
            var ids = BaseVocabulary.Map(checkpoint.TokenizerPath, tokenizer, checkpoint.Config.BosTokenId, checkpoint.Config.EosTokenId);
            var lora = pretrained.Lora is { } l ? new LoraSettings(l.Rank, l.Alpha, l.Dropout) : null;
            return new PretrainedModel(checkpoint.Load(lora), ids);
        }
        catch (Exception e) when (e is PretrainedException or FormatException or IOException)
        {
            // A run's error: one line naming the file and tensor or key, no stack trace.
            throw new RunException($"model.pretrained: {e.Message}");
        }
    }
}
