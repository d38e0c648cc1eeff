using NUnit.Framework;
using Runner.Core.Model;
using Runner.Engine.Model.Pretrained;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Runner.Tests.Model.Pretrained;

public class PretrainedModelTests
{
    static readonly Tokenizer Digits = new("0123456789+=");

    static PretrainedModel Create(LoraSettings? lora = null, int chunk = 1024)
    {
        var checkpoint = LlamaCheckpoint.Open(TinyLlama.Folder);
        var ids = BaseVocabulary.Map(checkpoint.TokenizerPath, Digits, checkpoint.Config.BosTokenId, checkpoint.Config.EosTokenId);
        return new PretrainedModel(checkpoint.Load(lora), ids) { ChunkPositions = chunk };
    }

    [Test]
    public void ColumnsAreFullVocabularyLogProbabilitiesOfRunnersTokensAndOfEverythingElse()
    {
        using var model = Create();
        using var _ = no_grad();
        using var runnerTokens = tensor(new long[] { 1, 3, 4, 13, 5, 14 }).view(1, 6);   // BOS 0 1 + 2 =
        using var baseTokens = tensor(new long[] { 38, 0, 1, 10, 2, 11 }).view(1, 6);

        using var columns = model.Forward(runnerTokens, null, null);
        using var full = F.log_softmax(model.Llama.forward(baseTokens), -1);

        Assert.That(columns.shape, Is.EqualTo(new long[] { 1, 6, 16 }));
        Assert.That(columns[0, 2, 5].item<float>(), Is.EqualTo(full[0, 2, 2].item<float>()).Within(1e-5), "the column of '2' is base id 2's");
        Assert.That(columns[0, 2, 2].item<float>(), Is.EqualTo(full[0, 2, 39].item<float>()).Within(1e-5), "EOS is the base EOS");
        Assert.That(float.IsNegativeInfinity(columns[0, 2, 0].item<float>()), Is.True, "PAD is never predicted");
        // Runner's columns and the rest add up to the whole distribution: cross_entropy on them is the base model's.
        Assert.That(columns.exp().sum(-1).sub(1).abs().max().item<float>(), Is.LessThan(1e-5f));
    }

    [Test]
    public void ChunkedOutputEqualsOneChunk()
    {
        using var whole = Create();
        using var chunked = Create(chunk: 5);
        using var _ = no_grad();
        using var tokens = tensor(new long[] { 1, 3, 4, 13, 5, 14, 6, 7, 1, 3, 3, 3, 13, 4, 14, 2 }).view(2, 8);

        // A matrix product over fewer rows may block differently: equal to float32 rounding.
        Assert.That(chunked.Forward(tokens, null, null).sub(whole.Forward(tokens, null, null)).abs().max().item<float>(), Is.LessThan(1e-5f));
    }

    [Test]
    public void ARoundCheckpointHoldsTheAdaptersAloneAndLoadsThemInPlace()
    {
        manual_seed(5);
        using var model = Create(new LoraSettings(4, 8, 0));
        using (no_grad()) foreach (var (_, b) in model.Llama.Adapters) b.add_(0.25);
        var path = Path.GetTempFileName();
        try
        {
            model.SaveTrained(path);
            manual_seed(6);
            using var other = Create(new LoraSettings(4, 8, 0));
            var held = other.Llama.Adapters.Select(a => a.Weight.Handle).ToList();
            other.LoadTrained(path);

            Assert.That(other.Llama.Adapters.Select(a => a.Weight.Handle), Is.EqualTo(held), "loaded in place");
            for (int i = 0; i < held.Count; i++)
                Assert.That(other.Llama.Adapters[i].Weight.equal(model.Llama.Adapters[i].Weight).all().item<bool>(), Is.True);
            // 28 adapters of 4 x (in + out) floats, not the 16,800 base weights.
            Assert.That(new FileInfo(path).Length, Is.LessThan(4 * 16_800));
        }
        finally { File.Delete(path); }
    }
}
