using NUnit.Framework;
using Runner.Core.Model;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Core.Training;
using Runner.Engine.Model;
using Runner.Engine.Training;
using Runner.Tests.Model;
using static TorchSharp.torch;

namespace Runner.Tests.Training;

public class TrainerTests
{
    static readonly TrainingSpec Spec = new() { Batch = 8, PeakLr = 1e-2 };

    static List<Example> FixedBatch()
    {
        var task = StringTask.Reversal();
        var rng = new Random(1);
        return Enumerable.Range(0, 8).Select(_ => task.SampleTraining(2, 4, rng)).ToList();
    }

    static (Transformer Model, Trainer Trainer) Create(int seed)
    {
        var tokenizer = new Tokenizer(StringTask.Reversal().Vocabulary);
        var model = TinyModels.Create(tokenizer.VocabularySize, seed, layers: 1, dModel: 32, ffn: 64);
        return (model, new Trainer(model, tokenizer, Spec, CPU));
    }

    [Test]
    public void ReducesTheLossOnAFixedBatch()
    {
        var (model, trainer) = Create(seed: 1);
        var batch = FixedBatch();
        var losses = Enumerable.Range(0, 30).Select(_ => trainer.Step(batch)).ToList();

        // Untrained: about ln(14) = 2.64 nats over 14 tokens.
        Assert.That(losses[0], Is.EqualTo(Math.Log(14)).Within(0.2));
        Assert.That(losses[^1], Is.LessThan(0.5 * losses[0]));
        model.Dispose();
    }

    [Test]
    public void SameTorchSeedGivesBitIdenticalLossesAndWeights()
    {
        var batch = FixedBatch();
        var (m1, t1) = Create(seed: 42);
        var first = Enumerable.Range(0, 5).Select(_ => t1.Step(batch)).ToList();
        var (m2, t2) = Create(seed: 42);
        var second = Enumerable.Range(0, 5).Select(_ => t2.Step(batch)).ToList();
        var (m3, t3) = Create(seed: 43);
        var other = Enumerable.Range(0, 5).Select(_ => t3.Step(batch)).ToList();

        Assert.That(second, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
        foreach (var ((name, p1), (_, p2)) in m1.named_parameters().Zip(m2.named_parameters()))
            Assert.That(p1.equal(p2).all().item<bool>(), Is.True, name);
    }

    [Test]
    public void TrainPhaseFollowsTheScheduleAndReturnsTheTailMeanLoss()
    {
        var (model, trainer) = Create(seed: 3);
        var schedule = new WsdSchedule(Warmup: 5, Stable: 5, Decay: 10, PeakLr: 1e-2, FinalFraction: 0.01);
        var task = StringTask.Reversal();
        var rng = new Random(9);
        var steps = new List<(int Step, double Loss, double Lr)>();
        int drawn = 0;

        double tail = trainer.TrainPhase(schedule, () => { drawn++; return task.SampleTraining(1, 4, rng); },
            (s, l, lr) => steps.Add((s, l, lr)));

        Assert.That(steps.Select(s => s.Step), Is.EqualTo(Enumerable.Range(0, 20)));
        Assert.That(steps.Select(s => s.Lr), Is.EqualTo(Enumerable.Range(0, 20).Select(schedule.LearningRate)));
        Assert.That(drawn, Is.EqualTo(20 * Spec.Batch));
        Assert.That(tail, Is.EqualTo((steps[18].Loss + steps[19].Loss) / 2).Within(1e-12), "last 10% of 20 steps");
        Assert.That(trainer.Optimizer.ParamGroups.First().LearningRate, Is.EqualTo(schedule.LearningRate(19)));
        model.Dispose();
    }

    [Test]
    public void TrainPhaseStopsWhenCancelled()
    {
        var (model, trainer) = Create(seed: 3);
        using var cancel = new CancellationTokenSource();
        var task = StringTask.Reversal();
        var rng = new Random(9);
        int steps = 0;

        Assert.Throws<OperationCanceledException>(() => trainer.TrainPhase(new WsdSchedule(0, 10, 0, 1e-3, 0.01),
            () => task.SampleTraining(1, 4, rng), (_, _, _) => { if (++steps == 3) cancel.Cancel(); }, cancel.Token));
        Assert.That(steps, Is.EqualTo(3));
        model.Dispose();
    }

    [TestCase(1e-3, TestName = "ClippingOnTheDeviceGivesTheGradientsOfLibtorchsClip(clipping)")]
    [TestCase(1e3, TestName = "ClippingOnTheDeviceGivesTheGradientsOfLibtorchsClip(norm under the limit)")]
    public void ClippingOnTheDeviceGivesTheGradientsOfLibtorchsClip(double maxNorm)
    {
        var batch = FixedBatch();
        var tokenizer = new Tokenizer(StringTask.Reversal().Vocabulary);
        var grads = new List<float[][]>();
        foreach (var clip in new Action<IEnumerable<TorchSharp.Modules.Parameter>>[]
                 {
                     ps => nn.utils.clip_grad_norm_(ps, maxNorm),
                     ps => Trainer.ClipGradientNorm(ps, maxNorm),
                 })
        {
            using var model = TinyModels.Create(tokenizer.VocabularySize, seed: 5, layers: 2, dModel: 32, ffn: 64);
            var built = Batch.Build(batch, tokenizer, CPU);
            var logits = model.Forward(built.Inputs, built.Mask, cache: null);
            nn.functional.cross_entropy(logits.view(-1, logits.shape[^1]), built.Targets.view(-1), ignore_index: Batch.Ignore).backward();
            clip(model.parameters());
            grads.Add(model.parameters().Select(p => p.grad!.data<float>().ToArray()).ToArray());
        }

        Assert.That(grads[1], Is.EqualTo(grads[0]), "bit for bit");
        var unclipped = grads[0].SelectMany(g => g).Sum(v => (double)v * v);
        Assert.That(Math.Sqrt(unclipped), maxNorm < 1 ? Is.EqualTo(maxNorm).Within(1e-6) : Is.LessThan(maxNorm));
    }

    [Test]
    public void LossesReadEverySoManyStepsAreTheLossesOfEachStep()
    {
        // 37 steps: two full reads of 16 and a last one of 5; two models, as a vote trains them.
        Assert.That(Trainer.LossReadInterval, Is.EqualTo(16));
        var schedule = new WsdSchedule(Warmup: 5, Stable: 12, Decay: 20, PeakLr: 1e-2, FinalFraction: 0.01);
        var task = StringTask.Reversal();
        var (m1, t1) = Create(seed: 8);
        var (m2, t2) = Create(seed: 9);
        var rng = new Random(2);
        var reported = new List<(int Step, double Loss, double Lr)>();
        var tails = Trainer.TrainPhase([t1, t2], schedule, () => task.SampleTraining(1, 4, rng), (s, l, lr) => reported.Add((s, l, lr)));

        // The same steps one at a time, each loss read at once.
        var (m3, t3) = Create(seed: 8);
        var (m4, t4) = Create(seed: 9);
        rng = new Random(2);
        var each = new List<(double, double)>();
        for (int step = 0; step < schedule.Steps; step++)
        {
            var examples = Enumerable.Range(0, Spec.Batch).Select(_ => task.SampleTraining(1, 4, rng)).ToList();
            foreach (var t in new[] { t3, t4 })
                foreach (var group in t.Optimizer.ParamGroups) group.LearningRate = schedule.LearningRate(step);
            each.Add((t3.Step(examples), t4.Step(examples)));
        }

        Assert.That(reported.Select(r => r.Step), Is.EqualTo(Enumerable.Range(0, 37)));
        Assert.That(reported.Select(r => r.Loss), Is.EqualTo(each.Select(e => new[] { e.Item1, e.Item2 }.Average())));
        Assert.That(tails, Is.EqualTo(new[] { each.Skip(34).Average(e => e.Item1), each.Skip(34).Average(e => e.Item2) }));
        foreach (var m in new[] { m1, m2, m3, m4 }) m.Dispose();
    }

    /// <summary>
    /// One step of a strong weight decay against the same step with none: what decays moves
    /// differently, what does not decay moves bit for bit alike (the gradients are equal, since
    /// the weights are). The paper's runs decay every parameter (transformers 4.48's rule for a
    /// Llama); <c>decay_norms: false</c> spares the RMSNorm weights and only them.
    /// </summary>
    [TestCase(true)]
    [TestCase(false)]
    public void DecayNormsDecidesWhetherNormWeightsDecay(bool decayNorms)
    {
        var batch = FixedBatch();
        var tokenizer = new Tokenizer(StringTask.Reversal().Vocabulary);
        List<(string Name, float[] Weight)> StepWith(double weightDecay)
        {
            using var model = TinyModels.Create(tokenizer.VocabularySize, seed: 4, layers: 2, dModel: 32, ffn: 64);
            var spec = Spec with { Adamw = new AdamWSpec { WeightDecay = weightDecay, DecayNorms = decayNorms } };
            new Trainer(model, tokenizer, spec, CPU).Step(batch);
            return model.named_parameters().Select(p => (p.name, p.parameter.data<float>().ToArray())).ToList();
        }

        var decayed = StepWith(0.5);
        var undecayed = StepWith(0);

        var unchanged = decayed.Zip(undecayed).Where(p => p.First.Weight.SequenceEqual(p.Second.Weight)).Select(p => p.First.Name).ToList();
        var norms = decayed.Select(p => p.Name).Where(name => name.Contains("norm", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.That(norms, Has.Count.EqualTo(5), "two per block and the final norm");
        Assert.That(unchanged, Is.EqualTo(decayNorms ? [] : norms));
    }
}
