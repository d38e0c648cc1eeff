using System.Reflection;
using NUnit.Framework;
using Runner.Core.Model;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Engine.Model;
using Runner.Engine.Runs;
using Runner.Engine.SelfImprovement;
using Runner.Engine.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Tests.Runs;

/// <summary>
/// Loading a checkpoint must leave the optimizer holding the model's parameters. On a GPU,
/// TorchSharp's own Module.load moves the model to the CPU and back, which replaces every
/// parameter object the optimizer holds; these tests pin the in-place load on the CPU.
/// </summary>
public class CheckpointTests
{
    string dir = "";

    // Two models (a vote) so that model 1's files are loaded too; round 0 trains a few steps, so the optimizer has state.
    const string Yaml = """
        name: ckpt
        task: {kind: reverse, d0: {min: 1, max: 3}}
        model: {layers: 1, heads: 2, d_model: 16, ffn: 32, context: 16}
        training: {batch: 8, peak_lr: 0.01, round0: {warmup: 0, stable: 6, decay: 0}}
        self_improve: {rounds: 0, filters: [{kind: majority, models: 2, threshold: 0.5}]}
        eval: {examples: 4, above: 1}
        seeds: [3]
        """;

    [SetUp] public void SetUp() => dir = Directory.CreateTempSubdirectory("runner-checkpoint-").FullName;
    [TearDown] public void TearDown() => Directory.Delete(dir, recursive: true);

    static SelfImprovementLoop TrainedLoop()
    {
        var loop = new SelfImprovementLoop(SpecLoader.Parse(Yaml, "ckpt.yaml").Arms[0].Spec, 3, CPU);
        loop.Run(new Quiet());
        return loop;
    }

    static List<Example> Batch()
    {
        var rng = new Random(4);
        return Enumerable.Range(0, 8).Select(_ => StringTask.Reversal().SampleTraining(1, 3, rng)).ToList();
    }

    static float[][] Weights(LanguageModel model) => model.parameters().Select(p => p.detach().cpu().data<float>().ToArray()).ToArray();

    [Test]
    public void LoadKeepsTheParameterObjectsAndTheOptimizerStepsThemAsBeforeTheSave()
    {
        var loop = TrainedLoop();
        var checkpoint = new Checkpoint(dir);
        checkpoint.Save(loop);
        var parameters = loop.Models.Select(m => m.parameters().ToList()).ToList();
        var handles = parameters.Select(ps => ps.Select(p => p.Handle).ToList()).ToList();
        var saved = loop.Models.Select(Weights).ToList();

        // The step straight after the save, then more steps that move weights and optimizer state on.
        foreach (var trainer in loop.Trainers) trainer.Step(Batch());
        var afterOneStep = loop.Models.Select(Weights).ToList();
        foreach (var trainer in loop.Trainers) for (int i = 0; i < 3; i++) trainer.Step(Batch());

        var state = checkpoint.Load(0, loop);

        Assert.That(state.Round, Is.EqualTo(0));
        for (int m = 0; m < loop.Models.Count; m++)
        {
            var now = loop.Models[m].parameters().ToList();
            Assert.That(now.Zip(parameters[m]).All(pair => ReferenceEquals(pair.First, pair.Second)), Is.True, $"model {m}: same Parameter objects");
            Assert.That(now.Select(p => p.Handle), Is.EqualTo(handles[m]), $"model {m}: same native tensors");
            Assert.That(Weights(loop.Models[m]), Is.EqualTo(saved[m]), $"model {m}: the saved weights");
            Assert.That(loop.Trainers[m].Optimizer.parameters().Zip(now).All(pair => ReferenceEquals(pair.First, pair.Second)), Is.True,
                $"model {m}: the optimizer holds the model's parameters");
        }
        // The optimizer steps the loaded parameters with the loaded moments: the very step taken after the save.
        foreach (var trainer in loop.Trainers) trainer.Step(Batch());
        Assert.That(loop.Models.Select(Weights), Is.EqualTo(afterOneStep));
    }

    [Test]
    public void AModelThatTorchSharpTakesForACudaOneLoadsWithoutMoving()
    {
        var loop = TrainedLoop();
        var model = loop.Models[0];
        var path = Path.Combine(dir, "weights.pt");
        model.save(path);
        var parameters = model.parameters().ToList();
        // Module.load decides to move by this field (TorchSharp 0.107 src/TorchSharp/NN/Module.cs:986-989):
        // on a CUDA model it calls cpu(), which the held model refuses; the model's own load never looks.
        var deviceType = typeof(nn.Module).GetField("_deviceType", BindingFlags.NonPublic | BindingFlags.Instance)!;
        deviceType.SetValue(model, DeviceType.CUDA);
        try
        {
            Assert.DoesNotThrow(() => model.load(path));
        }
        finally
        {
            deviceType.SetValue(model, DeviceType.CPU);
        }
        Assert.That(model.parameters().Zip(parameters).All(pair => ReferenceEquals(pair.First, pair.Second)), Is.True);
    }

    [Test]
    public void AModelCannotMoveOnceATrainerHoldsItsParameters()
    {
        var tokenizer = new Runner.Core.Model.Tokenizer(StringTask.Reversal().Vocabulary);
        using var model = Model.TinyModels.Create(tokenizer.VocabularySize, seed: 1);
        Assert.DoesNotThrow(() => model.to(CPU), "a model no optimizer holds may move");

        _ = new Trainer(model, tokenizer, new TrainingSpec { Batch = 8 }, CPU);

        var moves = new (string Name, Action Move)[]
        {
            ("to(CPU)", () => model.to(CPU)), ("cpu()", () => model.cpu()), ("to(Float64)", () => model.to(ScalarType.Float64)),
            ("to(CPU, Float32)", () => model.to(CPU, ScalarType.Float32)),
        };
        foreach (var (name, move) in moves)
            Assert.That(() => move(), Throws.InvalidOperationException.With.Message.Contains("cannot move"), name);
    }

    sealed class Quiet : ILoopObserver;
}
