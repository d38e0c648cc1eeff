using System.Diagnostics;
using Runner.Core.Evaluation;
using Runner.Core.Filters;
using Runner.Core.Labelling;
using Runner.Core.Model;
using Runner.Core.Schedules;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Core.SelfImprovement;

/// <summary>
/// One arm and seed of a spec, run as the method's algorithm (METHOD.md section 1):
/// train on D0; then each round, label fresh harder inputs with the model itself, filter the
/// labels, continue training on the mixture of D0 and every round's kept labels, evaluate.
/// Every random choice comes from a stream derived from the seed, so a CPU run repeats exactly.
/// </summary>
public sealed class SelfImprovementLoop
{
    readonly Spec spec;
    readonly ITask task;
    readonly Transformer model;
    readonly Trainer trainer;
    readonly HeldOutPrompts heldOut;
    readonly DataMixture mixture;
    readonly Labeller labeller;
    readonly FilterChain filters;
    readonly IDifficultySchedule schedule;
    readonly Evaluator evaluator;
    Rng dataRng, labelRng;
    int completedRound = -1;
    int largestTrained;

    public SelfImprovementLoop(Spec spec, int seed, Device device)
    {
        this.spec = spec;
        task = TaskCatalog.Create(spec.Task.Kind);
        var tokenizer = new Tokenizer(task.Vocabulary);
        manual_seed(SeedStreams.Derive(seed, "init"));
        model = new Transformer(new TransformerShape(spec.Model.Layers, spec.Model.Heads, spec.Model.DModel,
            spec.Model.Ffn, tokenizer.VocabularySize, spec.Model.Context));
        model.to(device);
        trainer = new Trainer(model, tokenizer, spec.Training, device);
        heldOut = new HeldOutPrompts(task, seed, spec.Eval.Examples);
        mixture = new DataMixture(task, spec.Task.D0.Min, spec.Task.D0.Max, spec.Training.NewestRoundFraction, heldOut);
        var decoder = new GreedyDecoder(model, tokenizer, device);
        labeller = new Labeller(task, decoder, heldOut, spec.SelfImprove.DecodeBatch);
        evaluator = new Evaluator(task, decoder, heldOut, spec.SelfImprove.DecodeBatch);
        filters = FilterChain.From(spec.SelfImprove.Filters, task);
        schedule = ScheduleCatalog.Create(spec.SelfImprove.Schedule);
        dataRng = new Rng(SeedStreams.Derive(seed, "data"));
        labelRng = new Rng(SeedStreams.Derive(seed, "label"));
        largestTrained = spec.Task.D0.Max;
    }

    public Transformer Model => model;
    public Trainer Trainer => trainer;

    /// <summary>Where the loop stands after its last completed round (with weights and optimizer, a checkpoint).</summary>
    public LoopState State => new(completedRound, largestTrained, dataRng.State, labelRng.State);

    /// <summary>
    /// Continues from a checkpoint: the caller has loaded weights and optimizer state; this restores
    /// the round, the random streams and the kept labels of every completed round, so the rest of
    /// the run draws exactly what an uninterrupted run would have.
    /// </summary>
    public void Restore(LoopState state, IEnumerable<LabelledSet> keptLabels)
    {
        completedRound = state.Round;
        largestTrained = state.LargestTrained;
        dataRng = Rng.FromState(state.DataRng);
        labelRng = Rng.FromState(state.LabelRng);
        foreach (var set in keptLabels.OrderBy(s => s.Round)) mixture.Add(set);
    }

    /// <summary>Runs round 0 and every self-improvement round not completed yet; returns the outcome of each it ran.</summary>
    public IReadOnlyList<RoundOutcome> Run(ILoopObserver observer, CancellationToken cancel = default)
    {
        var outcomes = new List<RoundOutcome>();
        // Evaluation prompts are fixed before training touches their difficulties.
        foreach (var d in Enumerable.Range(spec.Task.D0.Min, spec.Task.D0.Max - spec.Task.D0.Min + 1)) heldOut.For(d);

        if (completedRound < 0)
            outcomes.Add(Complete(RunRound(0, [], [], spec.Training.Round0, observer, cancel), observer));

        for (int round = completedRound + 1; round <= spec.SelfImprove.Rounds; round++)
        {
            var difficulties = schedule.Next(round, largestTrained);
            var labels = LabelAndFilter(round, difficulties, observer);
            largestTrained = Math.Max(largestTrained, difficulties.Max());
            outcomes.Add(Complete(RunRound(round, difficulties, labels, spec.Training.Rounds, observer, cancel), observer));
        }
        return outcomes;
    }

    /// <summary>
    /// The model labels fresh inputs of the round's difficulties; the filters keep some labels
    /// (without ground truth), and the kept ones join the training mixture. The true answers are
    /// attached only for the ledger.
    /// </summary>
    IReadOnlyList<LabelOutcome> LabelAndFilter(int round, IReadOnlyList<int> difficulties, ILoopObserver observer)
    {
        observer.Labelling(round, difficulties, spec.SelfImprove.LabelsPerRound);
        var labels = labeller.Label(difficulties, spec.SelfImprove.LabelsPerRound, labelRng);
        var kept = filters.Keep(labels);
        mixture.Add(new LabelledSet(round, difficulties, kept.Select(l => new Example(l.Prompt, l.Output)).ToList()));
        // By reference: the same prompt may be drawn twice, and each draw is its own label.
        var keptSet = kept.ToHashSet(ReferenceEqualityComparer.Instance);
        return labels.Select(l => new LabelOutcome(l, task.Solve(l.Prompt), keptSet.Contains(l))).ToList();
    }

    /// <summary>Marks the round done before observers checkpoint it and record it.</summary>
    RoundOutcome Complete(RoundOutcome outcome, ILoopObserver observer)
    {
        completedRound = outcome.Round;
        observer.RoundCompleted(outcome);
        return outcome;
    }

    RoundOutcome RunRound(int round, IReadOnlyList<int> difficulties, IReadOnlyList<LabelOutcome> labels,
        PhaseSpec phase, ILoopObserver observer, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var wsd = new WsdSchedule(phase.Warmup, phase.Stable, phase.Decay, phase.PeakLr ?? spec.Training.PeakLr, spec.Training.FinalLrFraction);
        observer.PhaseStarted(round, wsd.Steps);
        double loss = trainer.TrainPhase(wsd, () => mixture.Sample(dataRng),
            (step, l, lr) => observer.StepCompleted(round, step, l, lr), cancel);

        var window = EvaluationWindow();
        observer.Evaluating(round, window);
        var evaluation = evaluator.Evaluate(window);
        return new RoundOutcome(round, difficulties, labels, wsd.Steps, loss, evaluation,
            Evaluator.Frontier(evaluation, spec.Eval.Solved), clock.Elapsed);
    }

    /// <summary>From the easiest difficulty to a few past "end", one past the longest trained difficulty (METHOD.md section 7).</summary>
    IReadOnlyList<int> EvaluationWindow()
    {
        int from = spec.Eval.From ?? spec.Task.D0.Min;
        int to = spec.Eval.To ?? largestTrained + 1 + spec.Eval.Above;
        return Enumerable.Range(from, to - from + 1).ToList();
    }
}
