using NUnit.Framework;
using Runner.Core.Model;
using Runner.Core.Tasks;
using Runner.Engine.Labelling;
using Runner.Engine.Model.Pretrained;
using static TorchSharp.torch;

namespace Runner.Tests.Model.Pretrained;

public class PretrainedDecodingTests
{
    static readonly ITask Task = new ReversedAddition();
    static readonly Tokenizer Tokenizer = new(Task.Vocabulary);

    [Test]
    public void CachedDecodingEqualsUncachedWithLeftPaddingAndRope()
    {
        var checkpoint = LlamaCheckpoint.Open(TinyLlama.Folder);
        var ids = BaseVocabulary.Map(checkpoint.TokenizerPath, Tokenizer, checkpoint.Config.BosTokenId, checkpoint.Config.EosTokenId);
        manual_seed(2);
        using var model = new PretrainedModel(checkpoint.Load(new LoraSettings(4, 8, 0)), ids);
        using (no_grad()) foreach (var (_, b) in model.Llama.Adapters.Where(a => a.Name.EndsWith("lora_B.weight"))) b.normal_(0, 0.5);
        var decoder = new GreedyDecoder(model, Tokenizer, CPU);
        var rng = new Random(12);
        var prompts = Enumerable.Range(0, 15).Select(i => Task.SamplePrompt(1 + i % 5, rng)).ToList();

        var cached = decoder.Decode(prompts, 8, batchSize: 7);
        var uncached = decoder.Decode(prompts, 8, batchSize: 7, useCache: false);
        var alone = decoder.Decode(prompts, 8, batchSize: 1);

        Assert.That(uncached, Is.EqualTo(cached), "KV cache vs full re-read");
        Assert.That(alone, Is.EqualTo(cached), "left padding moves no position: RoPE positions come from the mask");
        Assert.That(cached.Select(d => d.Text).Distinct().Count(), Is.GreaterThanOrEqualTo(4), string.Join(" | ", cached));
    }
}
