using NUnit.Framework;
using Runner.Engine.Model.Pretrained;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Runner.Tests.Model.Pretrained;

public class LoraTests
{
    static readonly LoraSettings Lora = new(Rank: 4, Alpha: 8, Dropout: 0);

    [Test]
    public void WithBAtZeroTheLogitsAreTheBaseModels()
    {
        var (tokens, _) = TinyLlama.Reference();
        using var _ = no_grad();
        using var input = tensor(tokens);
        using var baseModel = TinyLlama.Load();
        manual_seed(3);
        using var adapted = TinyLlama.Load(Lora);

        Assert.That(adapted.forward(input).equal(baseModel.forward(input)).all().item<bool>(), Is.True);
        Assert.That(adapted.Adapters.Where(a => a.Name.EndsWith("lora_A.weight")).All(a => a.Weight.abs().sum().item<float>() > 0), Is.True, "A is drawn, not zero");
    }

    [Test]
    public void OnlyTheAdaptersTrainAndTheyAreNamedAsPeftNamesThem()
    {
        manual_seed(3);
        using var model = TinyLlama.Load(Lora);
        var trainable = model.parameters().Where(p => p.requires_grad).ToList();

        // q, k, v, o, gate, up, down in 2 layers, A and B each.
        Assert.That(model.Adapters, Has.Count.EqualTo(28));
        Assert.That(trainable.Select(p => p.Handle), Is.EquivalentTo(model.Adapters.Select(a => a.Weight.Handle)));
        Assert.That(model.Adapters[0].Name, Is.EqualTo("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"));
        Assert.That(model.Adapters[0].Weight.shape, Is.EqualTo(new long[] { 4, 32 }));
        Assert.That(model.Adapters[1].Weight.shape, Is.EqualTo(new long[] { 32, 4 }));
        // rank * (in + out) per projection: q 32+32, k 32+16, v 32+16, o 32+32, gate 32+48, up 32+48, down 48+32.
        Assert.That(trainable.Sum(p => p.numel()), Is.EqualTo(2 * 4 * (64 + 48 + 48 + 64 + 80 + 80 + 80)));
    }

    [Test]
    public void OneOptimizerStepChangesOnlyAdapterWeights()
    {
        manual_seed(3);
        using var model = TinyLlama.Load(Lora);
        var before = model.Weights.Select(w => w.Weight.detach().clone()).ToList();
        var bBefore = model.Adapters.Select(a => a.Weight.detach().clone()).ToList();
        var optimizer = optim.AdamW(model.parameters().Where(p => p.requires_grad), lr: 1e-2);
        var (tokens, _) = TinyLlama.Reference();
        using var input = tensor(tokens);

        var logits = model.forward(input.narrow(1, 0, 11));
        var loss = F.cross_entropy(logits.reshape(-1, 40), input.narrow(1, 1, 11).reshape(-1));
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();

        for (int i = 0; i < before.Count; i++)
            Assert.That(model.Weights[i].Weight.equal(before[i]).all().item<bool>(), Is.True, model.Weights[i].Name + " must stay frozen");
        var changedB = model.Adapters.Where((a, i) => a.Name.EndsWith("lora_B.weight") && !a.Weight.equal(bBefore[i]).all().item<bool>()).Count();
        Assert.That(changedB, Is.EqualTo(14), "every B moves off zero");
    }
}
