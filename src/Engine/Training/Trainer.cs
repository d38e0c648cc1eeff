using Runner.Core.Model;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Core.Training;
using Runner.Engine.Model;
using TorchSharp;
using Parameter = TorchSharp.Modules.Parameter;
using AdamW = TorchSharp.Modules.AdamW;
using F = TorchSharp.torch.nn.functional;
using static TorchSharp.torch;

namespace Runner.Engine.Training;

/// <summary>
/// Optimises the model with AdamW (<see cref="HeldScalarAdamW"/>) and gradient clipping (the paper's section 3 recipe). The
/// optimizer lives as long as the trainer, so each round continues the previous round's weights
/// and optimizer state. A step never waits for the device: the batch is uploaded without
/// blocking, gradients are clipped on the device, and a phase reads its losses back every
/// <see cref="LossReadInterval"/> steps.
/// </summary>
public sealed class Trainer
{
    /// <summary>
    /// Steps between two reads of the losses in <see cref="TrainPhase(IReadOnlyList{Trainer}, WsdSchedule, Func{Example}, Action{int, double, double}?, CancellationToken)"/>:
    /// each read waits for the device to finish, so reading every step would keep a GPU idle
    /// while the host builds the next batch. The values read are the same either way.
    /// </summary>
    public const int LossReadInterval = 16;

    readonly LanguageModel model;
    readonly Tokenizer tokenizer;
    readonly TrainingSpec spec;
    readonly Device device;
    readonly AdamW optimizer;
    readonly IReadOnlyList<Parameter> parameters;

    public Trainer(LanguageModel model, Tokenizer tokenizer, TrainingSpec spec, Device device)
    {
        this.model = model;
        this.tokenizer = tokenizer;
        this.spec = spec;
        this.device = device;
        // All of them, or a pretrained model's LoRA adapters alone (AdamW allocates moments for what it holds).
        parameters = model.TrainableParameters.ToList();
        optimizer = new HeldScalarAdamW(DecayGroups(model, spec.Adamw), spec.PeakLr, spec.Adamw.Beta1, spec.Adamw.Beta2,
            spec.Adamw.Eps, spec.Adamw.WeightDecay);
        model.HoldParameters("a trainer's AdamW");
    }

    public AdamW Optimizer => optimizer;

    /// <summary>
    /// AdamW's parameter groups: one group of every trainable parameter (all decay, as in the
    /// paper's runs), or with <c>decay_norms: false</c> the norm weights in a second group whose
    /// weight decay is 0. A checkpoint's optimizer state lists its groups, so a run resumes with
    /// the grouping it was started with (the spec, and so the run key, fixes it).
    /// </summary>
    static IEnumerable<AdamW.ParamGroup> DecayGroups(LanguageModel model, AdamWSpec adamw)
    {
        var trainable = model.TrainableParameters;
        if (adamw.DecayNorms) return [new AdamW.ParamGroup { Parameters = trainable }];
        var norms = model.TrainableNormParameters.Select(p => p.Handle).ToHashSet();
        var decayed = trainable.Where(p => !norms.Contains(p.Handle)).ToList();
        var kept = trainable.Where(p => norms.Contains(p.Handle)).ToList();
        // A pretrained model's norms are frozen: its adapters are then the one group.
        return kept.Count == 0 ? [new AdamW.ParamGroup { Parameters = decayed }]
            : [new AdamW.ParamGroup { Parameters = decayed }, new AdamW.ParamGroup(kept, new AdamW.Options { weight_decay = 0 })];
    }

    /// <summary>Runs one WSD phase; reports (step, loss, lr) for every step and returns the mean loss of its last 10% of steps.</summary>
    public double TrainPhase(WsdSchedule schedule, Func<Example> nextExample, Action<int, double, double>? onStep = null,
        CancellationToken cancel = default) => TrainPhase([this], schedule, nextExample, onStep, cancel)[0];

    /// <summary>
    /// Runs one WSD phase for several models in lock-step: every step draws one batch and each
    /// trainer takes its step on it, so the models see exactly the same data (majority vote,
    /// the paper's section 6). Losses reported per step are the mean over the models, in step
    /// order, up to <see cref="LossReadInterval"/> steps after the step; the result is each
    /// model's mean loss over the last 10% of steps, in the trainers' order.
    /// </summary>
    public static IReadOnlyList<double> TrainPhase(IReadOnlyList<Trainer> trainers, WsdSchedule schedule, Func<Example> nextExample,
        Action<int, double, double>? onStep = null, CancellationToken cancel = default)
    {
        foreach (var trainer in trainers) trainer.model.train();
        var tails = trainers.Select(_ => new List<double>()).ToList();
        int tailStart = schedule.Steps - Math.Max(1, schedule.Steps / 10);
        int batch = trainers[0].spec.Batch;
        var unread = new List<(int Step, double Lr, Tensor[] Losses)>();
        try
        {
            for (int step = 0; step < schedule.Steps; step++)
            {
                cancel.ThrowIfCancellationRequested();
                double lr = schedule.LearningRate(step);
                var examples = Enumerable.Range(0, batch).Select(_ => nextExample()).ToList();
                unread.Add((step, lr, trainers.Select(t =>
                {
                    foreach (var group in t.optimizer.ParamGroups) group.LearningRate = lr;
                    return t.StepOnDevice(examples);
                }).ToArray()));
                if (unread.Count == LossReadInterval || step == schedule.Steps - 1) ReadLosses();
            }
        }
        finally
        {
            foreach (var loss in unread.SelectMany(u => u.Losses)) loss.Dispose();
        }
        return tails.Select(tail => tail.Count > 0 ? tail.Average() : double.NaN).ToList();

        // One read-back for the steps since the last: the same float each step's loss.item would give.
        void ReadLosses()
        {
            using var all = stack(unread.SelectMany(u => u.Losses));
            using var host = all.cpu();
            var values = host.data<float>().ToArray();
            var read = unread.ToList();
            foreach (var loss in unread.SelectMany(u => u.Losses)) loss.Dispose();
            unread.Clear();
            for (int i = 0; i < read.Count; i++)
            {
                var losses = values.Skip(i * trainers.Count).Take(trainers.Count).Select(v => (double)v).ToList();
                if (read[i].Step >= tailStart)
                    for (int m = 0; m < trainers.Count; m++) tails[m].Add(losses[m]);
                onStep?.Invoke(read[i].Step, losses.Average(), read[i].Lr);
                cancel.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>One optimisation step on a batch; returns its loss, which waits for the device to finish the step.</summary>
    public double Step(IReadOnlyList<Example> examples)
    {
        using var loss = StepOnDevice(examples);
        return loss.item<float>();
    }

    /// <summary>
    /// One optimisation step on a batch, queued on the device without waiting for it; returns the
    /// loss as a 0-dimensional tensor on the device, which the caller disposes. Every other native
    /// tensor of the step is freed before it returns.
    /// </summary>
    public Tensor StepOnDevice(IReadOnlyList<Example> examples)
    {
        using var scope = NewDisposeScope();
        var batch = Batch.Build(examples, tokenizer, CPU);
        var mask = batch.Mask is { } hostMask ? DeviceCopy.Upload(hostMask, device) : null;
        var logits = model.Forward(DeviceCopy.Upload(batch.Inputs, device), mask, cache: null);
        var loss = F.cross_entropy(logits.view(-1, logits.shape[^1]), DeviceCopy.Upload(batch.Targets, device).view(-1), ignore_index: Batch.Ignore);
        optimizer.zero_grad();
        loss.backward();
        ClipGradientNorm(parameters, spec.GradClip);
        optimizer.step();
        // Read back as float whatever the model computes in (a float64 model's loss is a double).
        return loss.detach().to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Scales the gradients so that their joint 2-norm is at most <paramref name="maxNorm"/>:
    /// libtorch's clip_grad_norm_ (torch/csrc/api/include/torch/nn/utils/clip_grad.h) op for op,
    /// so the gradients come out bit for bit the same, without its last line, which reads the
    /// norm back as a double (TorchSharp 0.107's nn.utils.clip_grad_norm_ returns it,
    /// src/TorchSharp/Torch.cs:440) and so waits for the device every step.
    /// </summary>
    public static void ClipGradientNorm(IEnumerable<Parameter> parameters, double maxNorm)
    {
        using var scope = NewDisposeScope();
        var grads = parameters.Select(p => p.grad).OfType<Tensor>().ToList();
        if (grads.Count == 0) return;
        var norms = grads.Select(g => g.norm(2f)).ToList();
        var total = norms.Count == 1 ? norms[0] : stack(norms).norm(2f);
        // A scalar over a tensor, as ATen writes max_norm / t: empty_like(t).fill_(max_norm).div_(t) (ATen/TensorOperators.h).
        using var max = maxNorm.ToScalar(); // held to the end of the method: see HeldScalars
        var coefficient = full_like(total, max).div_(total.add(HeldScalars.Epsilon, HeldScalars.One)).clamp_(max: HeldScalars.OnePointZero);
        foreach (var grad in grads) grad.mul_(coefficient);
    }
}
