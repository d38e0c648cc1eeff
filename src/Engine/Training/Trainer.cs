using Runner.Core.Model;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Engine.Model;
using TorchSharp;
using F = TorchSharp.torch.nn.functional;
using static TorchSharp.torch;

namespace Runner.Engine.Training;

/// <summary>
/// Optimises the model with AdamW and gradient clipping (METHOD.md section 3). The optimizer
/// lives as long as the trainer, so each round continues the previous round's weights and
/// optimizer state.
/// </summary>
public sealed class Trainer
{
    readonly Transformer model;
    readonly Tokenizer tokenizer;
    readonly TrainingSpec spec;
    readonly Device device;
    readonly TorchSharp.Modules.AdamW optimizer;

    public Trainer(Transformer model, Tokenizer tokenizer, TrainingSpec spec, Device device)
    {
        this.model = model;
        this.tokenizer = tokenizer;
        this.spec = spec;
        this.device = device;
        optimizer = optim.AdamW(model.parameters(), spec.PeakLr, spec.Adamw.Beta1, spec.Adamw.Beta2,
            spec.Adamw.Eps, spec.Adamw.WeightDecay);
    }

    public TorchSharp.Modules.AdamW Optimizer => optimizer;

    /// <summary>Runs one WSD phase; reports (step, loss, lr) after every step and returns the mean loss of its last 10% of steps.</summary>
    public double TrainPhase(WsdSchedule schedule, Func<Example> nextExample, Action<int, double, double>? onStep = null,
        CancellationToken cancel = default) => TrainPhase([this], schedule, nextExample, onStep, cancel)[0];

    /// <summary>
    /// Runs one WSD phase for several models in lock-step: every step draws one batch and each
    /// trainer takes its step on it, so the models see exactly the same data (majority vote,
    /// METHOD.md section 6). Losses reported per step are the mean over the models; the result is
    /// each model's mean loss over the last 10% of steps, in the trainers' order.
    /// </summary>
    public static IReadOnlyList<double> TrainPhase(IReadOnlyList<Trainer> trainers, WsdSchedule schedule, Func<Example> nextExample,
        Action<int, double, double>? onStep = null, CancellationToken cancel = default)
    {
        foreach (var trainer in trainers) trainer.model.train();
        var tails = trainers.Select(_ => new List<double>()).ToList();
        int tailStart = schedule.Steps - Math.Max(1, schedule.Steps / 10);
        int batch = trainers[0].spec.Batch;
        for (int step = 0; step < schedule.Steps; step++)
        {
            cancel.ThrowIfCancellationRequested();
            double lr = schedule.LearningRate(step);
            var examples = Enumerable.Range(0, batch).Select(_ => nextExample()).ToList();
            var losses = trainers.Select(t =>
            {
                foreach (var group in t.optimizer.ParamGroups) group.LearningRate = lr;
                return t.Step(examples);
            }).ToList();
            if (step >= tailStart)
                for (int m = 0; m < trainers.Count; m++) tails[m].Add(losses[m]);
            onStep?.Invoke(step, losses.Average(), lr);
        }
        return tails.Select(tail => tail.Count > 0 ? tail.Average() : double.NaN).ToList();
    }

    /// <summary>One optimisation step on a batch; native tensors are freed before it returns.</summary>
    public double Step(IReadOnlyList<Example> examples)
    {
        using var scope = NewDisposeScope();
        var batch = Batch.Build(examples, tokenizer, device);
        var logits = model.Forward(batch.Inputs, batch.Mask, cache: null);
        var loss = F.cross_entropy(logits.view(-1, logits.shape[^1]), batch.Targets.view(-1), ignore_index: Batch.Ignore);
        optimizer.zero_grad();
        loss.backward();
        nn.utils.clip_grad_norm_(model.parameters(), spec.GradClip);
        optimizer.step();
        return loss.item<float>();
    }
}
