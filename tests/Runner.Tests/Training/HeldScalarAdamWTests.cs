using NUnit.Framework;
using Runner.Core.Model;
using Runner.Core.Tasks;
using Runner.Engine.Model;
using Runner.Engine.Training;
using Runner.Tests.Model;
using TorchSharp;
using F = TorchSharp.torch.nn.functional;
using static TorchSharp.torch;

namespace Runner.Tests.Training;

public class HeldScalarAdamWTests
{
    /// <summary>Trains a tiny model with <paramref name="optimizer"/> for 40 steps, the learning rate changing every step, and returns its weights.</summary>
    static List<(string Name, Tensor Weight)> Train(Func<IEnumerable<TorchSharp.Modules.Parameter>, TorchSharp.Modules.AdamW> optimizer)
    {
        var task = StringTask.Reversal();
        var tokenizer = new Tokenizer(task.Vocabulary);
        var model = TinyModels.Create(tokenizer.VocabularySize, seed: 5, layers: 1, dModel: 16, ffn: 32);
        var adamw = optimizer(model.parameters());
        var rng = new Random(3);
        for (int step = 0; step < 40; step++)
        {
            foreach (var group in adamw.ParamGroups) group.LearningRate = 3e-3 * (1 + step % 7) / 7;
            using var scope = NewDisposeScope();
            var batch = Batch.Build(Enumerable.Range(0, 8).Select(_ => task.SampleTraining(1, 5, rng)).ToList(), tokenizer, CPU);
            var logits = model.Forward(batch.Inputs, batch.Mask, cache: null);
            var loss = F.cross_entropy(logits.view(-1, logits.shape[^1]), batch.Targets.view(-1), ignore_index: Batch.Ignore);
            adamw.zero_grad();
            loss.backward();
            adamw.step();
        }
        return model.named_parameters().Select(p => (p.name, p.parameter.detach().clone())).ToList();
    }

    [Test]
    public void GivesTheSameWeightsBitForBitAsTorchSharpsAdamW()
    {
        var torchSharp = Train(p => optim.AdamW(p, 3e-3, 0.9, 0.98, 1e-8, 0.1));
        var held = Train(p => new HeldScalarAdamW(p, 3e-3, 0.9, 0.98, 1e-8, 0.1));
        var untrained = TinyModels.Create(new Tokenizer(StringTask.Reversal().Vocabulary).VocabularySize, seed: 5, layers: 1, dModel: 16, ffn: 32)
            .named_parameters().ToDictionary(p => p.name, p => p.parameter);

        Assert.That(held.Select(p => p.Name), Is.EqualTo(torchSharp.Select(p => p.Name)));
        foreach (var ((name, expected), (_, actual)) in torchSharp.Zip(held))
        {
            Assert.That(actual.equal(expected).all().item<bool>(), Is.True, $"{name} differs from TorchSharp's AdamW");
            Assert.That(actual.equal(untrained[name]).all().item<bool>(), Is.False, $"{name} was not trained");
        }
    }

    [Test]
    public void ResumesFromItsSavedStateWithTheSameNextStep()
    {
        var (model, adamw) = SteppedOnce(seed: 5);
        var (copy, resumed) = SteppedOnce(seed: 6);
        var file = Path.GetTempFileName();
        try
        {
            adamw.save_state_dict(file);
            resumed.load_state_dict(file);
        }
        finally
        {
            File.Delete(file);
        }
        using (no_grad())
            foreach (var (p, q) in model.parameters().Zip(copy.parameters())) q.copy_(p);
        adamw.step();
        resumed.step();

        var state = (TorchSharp.Modules.AdamW.State)resumed.state_dict().State[0];
        Assert.That(state.step, Is.EqualTo(2));
        foreach (var ((name, p), q) in model.named_parameters().Zip(copy.parameters()))
            Assert.That(p.equal(q).all().item<bool>(), Is.True, name);
    }

    /// <summary>A tiny model (weights from <paramref name="seed"/>) and its optimizer after one step on gradients of ones.</summary>
    static (Transformer Model, HeldScalarAdamW Optimizer) SteppedOnce(int seed)
    {
        var model = TinyModels.Create(vocabulary: 8, seed, layers: 1);
        var adamw = new HeldScalarAdamW(model.parameters(), 1e-3, 0.9, 0.98, 1e-8, 0.1);
        foreach (var p in model.parameters()) p.grad = ones_like(p);
        adamw.step();
        return (model, adamw);
    }

    [Test]
    public void RefusesTheVariantsItDoesNotImplement()
    {
        var model = TinyModels.Create(vocabulary: 8, seed: 1, layers: 1);
        var adamw = new HeldScalarAdamW(model.parameters(), 1e-3, 0.9, 0.98, 1e-8, 0.1);
        ((TorchSharp.Modules.AdamW.ParamGroup)adamw.ParamGroups.First()).Options.amsgrad = true;
        foreach (var p in model.parameters()) p.grad = ones_like(p);

        Assert.That(() => adamw.step(), Throws.TypeOf<NotSupportedException>().With.Message.Contains("amsgrad"));
    }
}
