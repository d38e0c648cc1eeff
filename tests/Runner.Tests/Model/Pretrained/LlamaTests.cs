using NUnit.Framework;
using Runner.Engine.Model.Pretrained;
using static TorchSharp.torch;

namespace Runner.Tests.Model.Pretrained;

public class LlamaTests
{
    string temp = "";

    [SetUp]
    public void CreateTemp() => temp = Directory.CreateTempSubdirectory("llama-tests").FullName;

    [TearDown]
    public void DeleteTemp() => Directory.Delete(temp, recursive: true);

    [Test]
    public void LogitsMatchThePlainPyTorchReferenceOfModelingLlama()
    {
        var (tokens, expected) = TinyLlama.Reference();
        using var model = TinyLlama.Load();
        using var _ = no_grad();
        using var input = tensor(tokens);
        using var logits = model.forward(input);
        using var reference = tensor(expected);

        Assert.That(logits.shape, Is.EqualTo(reference.shape));
        // fp32 against fp32: summation order alone; a wrong RoPE convention or GQA order is off by whole units.
        Assert.That(logits.sub(reference).abs().max().item<float>(), Is.LessThan(2e-4f));
        Assert.That(reference.abs().max().item<float>(), Is.GreaterThan(1f), "the reference logits are not trivially small");
    }

    [Test]
    public void ConfigIsReadAsLlama3DeclaresIt()
    {
        var config = LlamaCheckpoint.Open(TinyLlama.Folder).Config;

        Assert.That(config, Is.EqualTo(new LlamaConfig(32, 48, 2, 4, 2, 8, 40, 1e-5, 10000, new RopeScaling("llama3", 8, 1, 4, 128),
            TieWordEmbeddings: true, BosTokenId: 38, EosTokenId: 39, MaxPositionEmbeddings: 1024)));
        // 40*32 tied + 2 * (32*32 + 2*32*16 + 16*32... as the formula) : checked against the model's own count.
        using var model = TinyLlama.Load();
        Assert.That(config.ParameterCount, Is.EqualTo(model.parameters().Sum(p => p.numel())));
        Assert.That(config.ParameterCount, Is.EqualTo(16_800));
    }

    [Test]
    public void Llama3ScalingKeepsHighFrequenciesBlendsTheMiddleAndDividesLowOnes()
    {
        var config = LlamaCheckpoint.Open(TinyLlama.Folder).Config;
        var frequencies = RopeFrequencies.Of(config);

        // 1, 0.1, 0.01, 0.001 unscaled; wavelengths 6.3 (< 32: kept), 62.8 (blended), 628 and 6283 (> 128: / 8).
        double smooth = (128 / (2 * Math.PI / 0.1) - 1) / 3;
        Assert.That(frequencies, Is.EqualTo(new[] { 1f, (float)((1 - smooth) * 0.1 / 8 + smooth * 0.1), 0.01f / 8, 0.001f / 8 }).Within(1e-7));
    }

    [Test]
    public void AMissingTensorIsAnErrorNamingIt()
    {
        var folder = TinyLlama.CopyTo(temp);
        Rewrite(folder, (name, t) => name == "model.layers.1.mlp.up_proj.weight" ? null : t);

        var error = Assert.Throws<PretrainedException>(() => LlamaCheckpoint.Open(folder).Load())!;
        Assert.That(error.Message, Is.EqualTo($"{folder}: tensor 'model.layers.1.mlp.up_proj.weight' is missing from the weights (config.json describes a model that needs it)"));
    }

    [Test]
    public void AMisshapedTensorIsAnErrorNamingItAndBothShapes()
    {
        var folder = TinyLlama.CopyTo(temp);
        Rewrite(folder, (name, t) => name == "model.layers.0.self_attn.k_proj.weight" ? t.narrow(0, 0, 8) : t);

        var error = Assert.Throws<PretrainedException>(() => LlamaCheckpoint.Open(folder).Load())!;
        Assert.That(error.Message, Is.EqualTo($"{Path.Combine(folder, "model.safetensors")}: tensor 'model.layers.0.self_attn.k_proj.weight' has shape [8, 32], config.json needs [16, 32]"));
    }

    [Test]
    public void AMissingConfigKeyIsAnErrorNamingTheFileAndKey()
    {
        var folder = TinyLlama.CopyTo(temp);
        var config = Path.Combine(folder, "config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"num_key_value_heads\": 2,", "\"num_key_value_heads\": 3,"));

        var error = Assert.Throws<PretrainedException>(() => LlamaCheckpoint.Open(folder))!;
        Assert.That(error.Message, Is.EqualTo($"{config}: num_attention_heads 4 is not a multiple of num_key_value_heads 3"));

        File.WriteAllText(config, File.ReadAllText(config).Replace("\"num_key_value_heads\": 3,", "\"num_key_value_heads\": 2,").Replace("\"hidden_size\": 32,", ""));
        error = Assert.Throws<PretrainedException>(() => LlamaCheckpoint.Open(folder))!;
        Assert.That(error.Message, Is.EqualTo($"{config}: key 'hidden_size' is missing"));
    }

    [Test]
    public void ShardedWeightsLoadThroughTheirIndex()
    {
        var folder = TinyLlama.CopyTo(temp);
        var single = SafetensorsFile.Open(Path.Combine(folder, "model.safetensors"));
        var names = single.Entries.Keys.Order(StringComparer.Ordinal).ToList();
        var halves = new[] { names.Take(names.Count / 2).ToList(), names.Skip(names.Count / 2).ToList() };
        for (int i = 0; i < 2; i++)
        {
            var tensors = halves[i].Select(n => (n, single.Read(n))).ToList();
            SafetensorsFile.Write(Path.Combine(folder, $"model-0000{i + 1}-of-00002.safetensors"), tensors);
            foreach (var (_, t) in tensors) t.Dispose();
        }
        File.Delete(Path.Combine(folder, "model.safetensors"));
        var map = string.Join(", ", halves.SelectMany((h, i) => h.Select(n => $"\"{n}\": \"model-0000{i + 1}-of-00002.safetensors\"")));
        File.WriteAllText(Path.Combine(folder, "model.safetensors.index.json"), $"{{\"metadata\": {{}}, \"weight_map\": {{{map}}}}}");

        var (tokens, _) = TinyLlama.Reference();
        using var _ = no_grad();
        using var original = TinyLlama.Load();
        using var sharded = LlamaCheckpoint.Open(folder).Load();
        using var input = tensor(tokens);
        Assert.That(sharded.forward(input).equal(original.forward(input)).all().item<bool>(), Is.True);
    }

    [Test]
    public void ContentHashFollowsTheWeightsNotThePath()
    {
        var folder = TinyLlama.CopyTo(temp);
        var original = LlamaCheckpoint.Open(TinyLlama.Folder).ContentHash();

        Assert.That(LlamaCheckpoint.Open(folder).ContentHash(), Is.EqualTo(original));
        Rewrite(folder, (name, t) => name == "model.norm.weight" ? t.mul(2) : t);
        Assert.That(LlamaCheckpoint.Open(folder).ContentHash(), Is.Not.EqualTo(original));
    }

    [Test]
    public void CachedStepsGiveTheLogitsOfTheFullForward()
    {
        using var model = TinyLlama.Load();
        using var _ = no_grad();
        var (tokens, _) = TinyLlama.Reference();
        using var input = tensor(tokens);
        using var full = model.Logits(model.Hidden(input, null, null));
        using var cache = model.NewCache(2, 12, CPU);
        // Prefill 5 positions, then one token a step, as the decoder does.
        var prefillMask = ones([5, 5], ScalarType.Bool).tril().expand(2, 1, 5, 5);
        var logits = new List<Tensor> { model.Logits(model.Hidden(input.narrow(1, 0, 5), prefillMask, cache)) };
        for (int t = 5; t < 12; t++)
            logits.Add(model.Logits(model.Hidden(input.narrow(1, t, 1), ones([2, 1, 1, t + 1], ScalarType.Bool), cache)));

        Assert.That(cat(logits, 1).sub(full).abs().max().item<float>(), Is.LessThan(1e-5f));
    }

    [Test]
    public void ALeftPaddedRowGetsTheLogitsItGetsAlone()
    {
        // Positions come from the mask: padding shifts no real token's rotation.
        using var model = TinyLlama.Load();
        using var _ = no_grad();
        using var alone = tensor(new long[] { 38, 1, 2, 3 }).view(1, 4);
        using var padded = tensor(new long[] { 39, 39, 38, 1, 2, 3 }).view(1, 6);
        var real = tensor(new[] { false, false, true, true, true, true });
        var mask = ones([6, 6], ScalarType.Bool).tril().logical_and(real.view(1, 6)).logical_or(eye(6, dtype: ScalarType.Bool)).view(1, 1, 6, 6);

        using var expected = model.Logits(model.Hidden(alone, null, null));
        using var actual = model.Logits(model.Hidden(padded, mask, null)).narrow(1, 2, 4);
        Assert.That(actual.sub(expected).abs().max().item<float>(), Is.LessThan(1e-5f));
    }

    /// <summary>Writes the folder's model.safetensors again with each tensor replaced by what <paramref name="change"/> gives (null drops it).</summary>
    static void Rewrite(string folder, Func<string, Tensor, Tensor?> change)
    {
        var path = Path.Combine(folder, "model.safetensors");
        var file = SafetensorsFile.Open(path);
        var tensors = file.Entries.Keys.Select(n => (n, change(n, file.Read(n)))).Where(p => p.Item2 is not null).Select(p => (p.n, p.Item2!)).ToList();
        SafetensorsFile.Write(path, tensors);
    }
}
