using NUnit.Framework;
using Runner.Core.Model;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Engine.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Tests.Model;

/// <summary>
/// The move that replaces a module's parameters, run for real. TorchSharp 0.107's to(CUDA) on a
/// model makes new Parameter objects and writes them into the modules' fields by reflection
/// (src/TorchSharp/NN/Module.cs, _toEpilog), RmsNorm's readonly weight included; to() to the
/// device a model is already on does nothing, so on the CPU a dtype move is the one that takes
/// that path. Training after it is what a CUDA run does after placing its model.
/// </summary>
public class ParameterMoveTests
{
    [Test]
    public void ADtypeMoveReplacesEveryParameterAndTheModelStillTrains()
    {
        var task = StringTask.Reversal();
        var tokenizer = new Tokenizer(task.Vocabulary);
        var model = TinyModels.Create(tokenizer.VocabularySize, seed: 2, layers: 2);
        var before = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);

        model.to(ScalarType.Float64);

        var moved = model.named_parameters().ToList();
        Assert.That(moved.Select(p => p.name), Is.EquivalentTo(before.Keys));
        Assert.That(moved.Where(p => p.name.EndsWith("norm.weight", StringComparison.OrdinalIgnoreCase)).Count(), Is.EqualTo(5), "2 layers x 2 norms + the final norm");
        foreach (var (name, parameter) in moved)
            Assert.That(parameter.dtype, Is.EqualTo(ScalarType.Float64), name);
        // RmsNorm's weight is a readonly field of a managed module: the move writes the new
        // Parameter into it (the embedding, a native module, converts its weight in place).
        foreach (var (name, parameter) in moved.Where(p => p.name.EndsWith("norm.weight", StringComparison.OrdinalIgnoreCase)))
            Assert.That(ReferenceEquals(parameter, before[name]), Is.False, $"{name} was not replaced");
        var copies = moved.ToDictionary(p => p.name, p => p.parameter.detach().clone());

        // The trainer builds its optimizer over the new parameters; a norm still holding the old,
        // disposed weight would fail the forward ("Tensor invalid").
        var trainer = new Trainer(model, tokenizer, new TrainingSpec { Batch = 8, PeakLr = 1e-2 }, CPU);
        var rng = new Random(4);
        var examples = Enumerable.Range(0, 8).Select(_ => task.SampleTraining(1, 5, rng)).ToList();
        double first = trainer.Step(examples);
        double second = trainer.Step(examples);

        Assert.That(double.IsFinite(first) && second < first, Is.True, $"losses {first}, {second}");
        using (var logits = model.forward(tensor(new long[] { 1, 2, 3 }, [1, 3])))
            Assert.That(logits.dtype, Is.EqualTo(ScalarType.Float64));
        foreach (var (name, parameter) in model.named_parameters())
            Assert.That(parameter.equal(copies[name]).all().item<bool>(), Is.False, $"{name} did not take the optimizer's steps");
        Assert.That(() => model.to(ScalarType.Float32), Throws.InvalidOperationException.With.Message.Contains("cannot move"));
    }
}
