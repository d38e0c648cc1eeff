using NUnit.Framework;
using Runner.Core.Model;
using Runner.Engine.Model.Pretrained;
using static TorchSharp.torch;

namespace Runner.Tests.Model.Pretrained;

public class HuggingFaceExportTests
{
    string temp = "";

    [SetUp]
    public void CreateTemp() => temp = Directory.CreateTempSubdirectory("export-tests").FullName;

    [TearDown]
    public void DeleteTemp() => Directory.Delete(temp, recursive: true);

    static readonly Tokenizer Digits = new("0123456789=");

    [Test]
    public void ARunnerModelReloadsAsALlamaWithItsLogits()
    {
        using var model = TinyModels.Sharp(Digits.VocabularySize, seed: 4, scale: 20);
        HuggingFaceExport.Write(model, Digits, temp);

        var checkpoint = LlamaCheckpoint.Open(temp);
        using var llama = checkpoint.Load();
        using var _ = no_grad();
        using var tokens = tensor(new long[] { 1, 3, 4, 5, 13, 6, 7, 8, 1, 12, 12, 13, 3, 4, 5, 2 }).view(2, 8);

        Assert.That(checkpoint.Config, Is.EqualTo(new LlamaConfig(16, 32, 2, 2, 2, 8, 14, 1e-6, 10000, new RopeScaling("linear", 1e30),
            TieWordEmbeddings: false, BosTokenId: 1, EosTokenId: 2, MaxPositionEmbeddings: 64)));
        // Separate q, k, v products instead of the fused one, and a rotation by angles below 1e-28: float32 rounding apart.
        Assert.That(llama.forward(tokens).sub(model.forward(tokens)).abs().max().item<float>(), Is.LessThan(1e-4f));
        Assert.That(model.forward(tokens).abs().max().item<float>(), Is.GreaterThan(1f));
        Assert.That(BaseVocabulary.Map(checkpoint.TokenizerPath, Digits, 1, 2), Is.EqualTo(Enumerable.Range(0, 14).Select(i => i == 0 ? 2 : i)),
            "the exported tokenizer gives each character its Runner id");
    }

    [Test]
    public void ALoraModelIsWrittenWithItsAdaptersMergedAndTheBaseTokenizer()
    {
        manual_seed(8);
        var checkpoint = LlamaCheckpoint.Open(TinyLlama.Folder);
        var ids = BaseVocabulary.Map(checkpoint.TokenizerPath, Digits, 38, 39);
        using var model = new PretrainedModel(checkpoint.Load(new LoraSettings(4, 8, 0)), ids);
        using (no_grad()) foreach (var (_, b) in model.Llama.Adapters.Where(a => a.Name.EndsWith("lora_B.weight"))) b.normal_(0, 0.1);
        HuggingFaceExport.Write(model, Digits, temp, TinyLlama.Folder);

        using var merged = LlamaCheckpoint.Open(temp).Load();
        using var _ = no_grad();
        using var tokens = tensor(new long[] { 38, 0, 1, 2, 11, 2, 1, 0, 39 }).view(1, 9);
        using var adapted = model.Llama.forward(tokens);

        Assert.That(merged.forward(tokens).sub(adapted).abs().max().item<float>(), Is.LessThan(1e-4f));
        Assert.That(adapted.sub(TinyLlama.Load().forward(tokens)).abs().max().item<float>(), Is.GreaterThan(0.1f), "the adapters changed the model");
        Assert.That(File.ReadAllText(Path.Combine(temp, "tokenizer.json")), Is.EqualTo(File.ReadAllText(Path.Combine(TinyLlama.Folder, "tokenizer.json"))));
    }
}
