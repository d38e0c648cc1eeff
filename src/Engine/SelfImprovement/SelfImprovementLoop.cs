using System.Diagnostics;
using Runner.Core;
using Runner.Core.Evaluation;
using Runner.Core.Filters;
using Runner.Core.Labelling;
using Runner.Core.Model;
using Runner.Core.Noise;
using Runner.Core.Plans;
using Runner.Core.Schedules;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Core.Training;
using Runner.Engine.Evaluation;
using Runner.Engine.Labelling;
using Runner.Engine.Model;
using Runner.Engine.Native;
using Runner.Engine.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Engine.SelfImprovement;

/// <summary>
/// One arm and seed of a spec, run as the method's algorithm (the paper's loop): train on D0;
/// then each round, pick harder difficulties (the schedule), let the model label fresh inputs of
/// them, filter the labels, continue training on the mixture of D0 and every round's kept
/// labels, evaluate; until a stop rule ends the run. With a majority-vote filter the "model" is
/// K models that vote on every label, each with its own initialisation and its own data stream,
/// as the official voters are separate seed runs (experiments/run_multiplication_mv_len.sh:11-12);
/// model 0's streams are the seed's own, so it is the model a one-model arm of the seed trains.
/// Every random choice comes from a stream derived from the seed, so a CPU run repeats exactly.
/// </summary>
public sealed class SelfImprovementLoop
{
    readonly Spec spec;
    readonly ITask task;
    readonly Tokenizer tokenizer;
    readonly IReadOnlyList<LanguageModel> models;
    readonly IReadOnlyList<Trainer> trainers;
    readonly IReadOnlyList<Evaluator> evaluators;
    readonly HeldOutPrompts heldOut;
    readonly DataMixture mixture;
    readonly Labeller labeller;
    readonly LabelConfidence confidence;
    readonly FilterChain filters;
    readonly ILabelFilter? voteFilter;
    readonly IDifficultySchedule schedule;
    readonly NoiseInjection? noise;
    readonly StopRules stops;
    readonly AvalancheGuard guard;
    readonly HashSet<Difficulty> trained;
    Rng[] dataRngs;
    Rng labelRng, probeRng, noiseRng;
    int completedRound = -1;
    int lastFrontier;

    /// <param name="decodeSizing">How much the device decodes at once; null: its default (<see cref="DecodeSizing"/>).</param>
    /// <param name="kinds">The filter, schedule and noise kinds the spec may name; null: the built-in ones.</param>
    public SelfImprovementLoop(Spec spec, int seed, Device device, DecodeSizing? decodeSizing = null, SpecKinds? kinds = null)
    {
        kinds ??= SpecKinds.Builtin;
        this.spec = spec;
        task = TaskCatalog.Create(spec.Task.Kind);
        tokenizer = new Tokenizer(task.Vocabulary);
        var self = spec.SelfImprove;
        // Model 0 starts from the seed's own init stream, so it is the very model a one-model arm of the same seed trains.
        models = Enumerable.Range(0, kinds.Models(self.Filters)).Select(member =>
        {
            manual_seed(SeedStreams.Derive(seed, member == 0 ? "init" : $"init/model{member}"));
            var model = ModelFactory.Create(spec.Model, tokenizer);
            model.to(device);
            if (model is Transformer own) own.MatmulType = Precision.MatmulType(spec.Training.Precision); // the validator keeps bf16 to Runner's own model
            return model;
        }).ToList();
        trainers = models.Select(m => new Trainer(m, tokenizer, spec.Training, device)).ToList();
        var decoders = models.Select(m => decodeSizing is null ? new GreedyDecoder(m, tokenizer, device)
            : new GreedyDecoder(m, tokenizer, device) { Sizing = decodeSizing }).ToList();
        heldOut = new HeldOutPrompts(task, seed, spec.Eval.Examples);
        mixture = new DataMixture(task, spec.Task.D0.Min, spec.Task.D0.Max, spec.Training.NewestRoundFraction, heldOut,
            weighRoundsByDifficulties: kinds.Schedule(self.Schedule.Kind).WeighsRoundsByDifficulties);
        labeller = new Labeller(task, decoders, heldOut, self.DecodeBatch);
        confidence = new LabelConfidence(models, tokenizer, device, self.DecodeBatch);
        evaluators = decoders.Select((d, i) => new Evaluator(task, d, heldOut, self.DecodeBatch, i)).ToList();
        filters = FilterChain.From(self.Filters, task, kinds);
        voteFilter = kinds.Vote(self.Filters) is { } vote ? kinds.Filter(vote.Kind).Create(vote, task) : null;
        schedule = kinds.Schedule(self.Schedule.Kind).Create(self.Schedule, task, spec.Task.D0.Max);
        noise = self.Noise is { } n ? new NoiseInjection(n, kinds.Noise(n.Kind)) : null;
        stops = new StopRules(spec, task);
        guard = new AvalancheGuard(self.Stop.Avalanche);
        trained = task.Levels(spec.Task.D0.Min, spec.Task.D0.Max).ToHashSet();
        dataRngs = Enumerable.Range(0, models.Count).Select(m => new Rng(DataStream(seed, m))).ToArray();
        labelRng = new Rng(SeedStreams.Derive(seed, "label"));
        probeRng = new Rng(SeedStreams.Derive(seed, "probe"));
        noiseRng = new Rng(SeedStreams.Derive(seed, "noise"));
    }

    /// <summary>The seed of model <paramref name="member"/>'s data stream: the seed's own for model 0, one of its own for each other voter.</summary>
    public static int DataStream(int seed, int member) => SeedStreams.Derive(seed, member == 0 ? "data" : $"data/model{member}");

    public IReadOnlyList<LanguageModel> Models => models;
    public IReadOnlyList<Trainer> Trainers => trainers;

    /// <summary>The labels filters keep and models train on are judged by this rule.</summary>
    public string FilterName => filters.Name;

    /// <summary>Where the loop stands after its last completed round (with weights and optimizers, a checkpoint).</summary>
    public LoopState State => new(completedRound, trained.Order().Select(d => d.ToString()).ToList(),
        dataRngs[0].State, labelRng.State, probeRng.State, noiseRng.State)
        { VoterDataRngs = dataRngs.Skip(1).Select(r => r.State).ToList() };

    /// <summary>
    /// Continues from a checkpoint: the caller has loaded weights and optimizer state; this restores
    /// the round, the trained difficulties, the random streams and the kept labels of every
    /// completed round, so the rest of the run draws exactly what an uninterrupted run would have.
    /// </summary>
    public void Restore(LoopState state, IReadOnlyList<RoundOutcome> recorded)
    {
        completedRound = state.Round;
        trained.UnionWith(state.Trained.Select(Difficulty.Parse));
        dataRngs[0] = Rng.FromState(state.DataRng);
        // A checkpoint from before voters had their own streams has none: they start from the seed's.
        for (int m = 1; m < dataRngs.Length && state.VoterDataRngs is { } voters && m - 1 < voters.Count; m++)
            dataRngs[m] = Rng.FromState(voters[m - 1]);
        labelRng = Rng.FromState(state.LabelRng);
        probeRng = Rng.FromState(state.ProbeRng);
        noiseRng = Rng.FromState(state.NoiseRng);
        foreach (var set in TrainedLabels(recorded, tokenizer)) mixture.Add(set);
        lastFrontier = recorded.Count > 0 ? recorded[^1].Frontier : 0;
        // A run cut short after its stopping round was recorded has nothing left to do.
        StoppedBy = recorded.Count > 0 ? recorded[^1].StopReason : StopReason.None;
    }

    /// <summary>The labels each recorded round trained on, for rebuilding the data mixture.</summary>
    public static IEnumerable<LabelledSet> TrainedLabels(IEnumerable<RoundOutcome> outcomes, Tokenizer tokenizer) =>
        outcomes.Where(o => o.Round > 0 && o.Steps > 0).OrderBy(o => o.Round).Select(o => new LabelledSet(o.Round, o.Difficulties,
            o.Labels.Where(l => l.Kept).Select(l => l.TrainedExample(tokenizer)).ToList()));

    /// <summary>Runs round 0 and every self-improvement round not completed yet; returns the outcome of each it ran.</summary>
    public IReadOnlyList<RoundOutcome> Run(ILoopObserver observer, CancellationToken cancel = default)
    {
        var outcomes = new List<RoundOutcome>();
        // Evaluation prompts are fixed before training touches their difficulties.
        foreach (var d in trained) heldOut.For(d);

        if (StoppedBy.Stopped) return outcomes;
        if (completedRound < 0)
            outcomes.Add(Complete(TrainAndEvaluate(0, [], [], [], new RoundTimes(), spec.Training.Round0, observer, cancel,
                stops.AfterRoundZero), observer));

        for (int round = completedRound + 1; round <= spec.SelfImprove.Rounds; round++)
        {
            // 1. Pick the round's difficulties (the schedule), unless nothing is left or they outgrow the context.
            var probe = new RecordingProbe(this);
            var probing = Stopwatch.StartNew();
            var next = schedule.Next(round, trained, probe);
            probing.Stop();
            if (stops.BeforeLabelling(next) is { Stopped: true } cannot) { StoppedBy = cannot; return outcomes; }
            var difficulties = next!; // a schedule with nothing left stopped the run above

            // 2. The models label fresh inputs; the filters keep some labels.
            var (labels, times) = LabelAndFilter(round, difficulties, observer);
            times = times with { Labelling = times.Labelling + probing.Elapsed };
            var kept = labels.Where(l => l.Kept).ToList();

            // 3. Labels that look collapsed are never trained on: the run ends at an earlier model.
            if (guard.Check(round, Fraction(labels, l => l.Kept), labels.Average(l => l.Label.Agreement),
                    kept.Count == 0 ? double.NaN : kept.Average(l => l.Label.Confidence)) is { Stopped: true } collapse)
            {
                outcomes.Add(Complete(new RoundOutcome(round, difficulties, labels, 0, double.NaN, [], lastFrontier,
                    TimeSpan.Zero, probe.Results, collapse, Times: times), observer));
                StoppedBy = collapse;
                return outcomes;
            }

            // 4. Train on D0 and every round's kept labels, evaluate, and stop at the target or the last round.
            mixture.Add(new LabelledSet(round, difficulties, kept.Select(l => l.TrainedExample(tokenizer)).ToList()));
            trained.UnionWith(difficulties);
            var stop = stops.AfterTraining(round, difficulties);
            outcomes.Add(Complete(TrainAndEvaluate(round, difficulties, labels, probe.Results, times, spec.Training.Rounds, observer, cancel, stop), observer));
            if (stop.Stopped) { StoppedBy = stop; return outcomes; }
        }
        StoppedBy = StopReason.MaxRound;
        return outcomes;
    }

    /// <summary>Why the last <see cref="Run"/> ended.</summary>
    public StopReason StoppedBy { get; private set; } = StopReason.None;

    /// <summary>
    /// The models label fresh inputs of the round's difficulties and say how sure they are of
    /// each; the filters keep some labels without ground truth; at the noise round some kept
    /// labels are corrupted. The true answers are attached only for the ledger. Returns the time
    /// spent labelling (confidence included) and filtering beside them.
    /// </summary>
    (IReadOnlyList<LabelOutcome> Labels, RoundTimes Times) LabelAndFilter(int round, IReadOnlyList<Difficulty> difficulties, ILoopObserver observer)
    {
        int count = spec.SelfImprove.LabelsPer == "difficulty"
            ? spec.SelfImprove.LabelsPerRound * difficulties.Count
            : spec.SelfImprove.LabelsPerRound;
        observer.Labelling(round, difficulties, count);
        var clock = Stopwatch.StartNew();
        var written = labeller.Label(difficulties, count, labelRng);
        // How sure the models are of what they wrote: a filter's and the guard's signal without ground truth.
        var sure = confidence.Of(written.Select(l => new Example(l.Prompt, l.Output)).ToList());
        var labels = written.Select((l, i) => l with { Confidence = sure[i] }).ToList();
        var labelling = clock.Elapsed;
        clock.Restart();
        var kept = filters.Keep(labels).ToList();
        var corrupted = noise?.Corrupt(round, kept.Select(l => new Example(l.Prompt, l.Output)).ToList(), tokenizer, noiseRng) ?? new Dictionary<int, string>();
        // By reference: the same prompt may be drawn twice, and each draw is its own label.
        var keptIndex = new Dictionary<Label, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < kept.Count; i++) keptIndex[kept[i]] = i;
        var outcomes = labels.Select(l =>
        {
            bool isKept = keptIndex.TryGetValue(l, out int i);
            return new LabelOutcome(l, task.Solve(l.Prompt), isKept, isKept && corrupted.TryGetValue(i, out var c) ? c : null);
        }).ToList();
        return (outcomes, new RoundTimes { Labelling = labelling, Filtering = clock.Elapsed });
    }

    /// <summary>Marks the round done before observers checkpoint it and record it; then gives back what its tensors freed.</summary>
    RoundOutcome Complete(RoundOutcome outcome, ILoopObserver observer)
    {
        completedRound = outcome.Round;
        lastFrontier = outcome.Frontier;
        observer.RoundCompleted(outcome);
        FreedMemory.Release();
        return outcome;
    }

    RoundOutcome TrainAndEvaluate(int round, IReadOnlyList<Difficulty> difficulties, IReadOnlyList<LabelOutcome> labels,
        IReadOnlyList<ProbeResult> probes, RoundTimes times, PhaseSpec phase, ILoopObserver observer, CancellationToken cancel, StopReason stop)
    {
        var clock = Stopwatch.StartNew();
        var wsd = new WsdSchedule(phase.Warmup, phase.Stable, phase.Decay, phase.PeakLr ?? spec.Training.PeakLr, spec.Training.FinalLrFraction, phase.Floor);
        observer.PhaseStarted(round, wsd.Steps);
        long tokens = 0;
        // Each model draws its own batches, one model after another; the observer follows model 0's steps.
        var losses = trainers.Select((trainer, member) => trainer.TrainPhase(wsd, () =>
            {
                var example = mixture.Sample(dataRngs[member]);
                if (member == 0) tokens += Batch.Tokens(example, tokenizer);
                return example;
            },
            member == 0 ? (step, l, lr) => observer.StepCompleted(round, step, l, lr) : null, cancel)).ToList();
        var training = clock.Elapsed;

        var window = EvaluationWindow.For(spec, task, trained.Max(d => d.Size));
        observer.Evaluating(round, window);
        var evaluation = evaluators.SelectMany(e => e.Evaluate(window)).ToList();
        var outcome = new RoundOutcome(round, difficulties, labels, wsd.Steps, losses.Average(), evaluation, 0, clock.Elapsed, probes, stop, losses,
            times with { Training = training, Evaluation = clock.Elapsed - training }, tokens);
        // A window the context leaves empty measures nothing: the frontier stays where it was.
        return outcome with { Frontier = window.Count == 0 ? lastFrontier : Frontiers.LowerMedian(outcome.MemberFrontiers(spec.Eval.Solved)) };
    }

    /// <summary>The loop never trains, labels or evaluates a difficulty whose examples do not fit in model.context.</summary>
    bool Fits(Difficulty difficulty) => SequenceLength.Fits(task, difficulty, spec.Model.Context);

    static double Fraction<T>(IReadOnlyList<T> items, Func<T, bool> predicate) =>
        items.Count == 0 ? 0 : (double)items.Count(predicate) / items.Count;

    /// <summary>
    /// The accelerated schedule's measurement: the models label probe_examples fresh inputs of the
    /// difficulty (drawn from their own stream, never held out, never trained on); accuracy is the
    /// share whose label is the true answer (true_labels) or whose label the majority vote keeps
    /// (agreement: no ground truth). Each measurement is kept for the ledger.
    /// </summary>
    sealed class RecordingProbe(SelfImprovementLoop loop) : IAccuracyProbe
    {
        public List<ProbeResult> Results { get; } = [];

        public double Accuracy(Difficulty difficulty)
        {
            // Too long for the model's context: not measured (nothing recorded) and never passes, so the schedule stops extending here.
            if (!loop.Fits(difficulty)) return 0;
            var schedule = loop.spec.SelfImprove.Schedule;
            var labels = loop.labeller.Label([difficulty], schedule.ProbeExamples, loop.probeRng);
            // agreement: the share of inputs the vote keeps, among all measured.
            double accuracy = schedule.Measure == "agreement" && loop.voteFilter is { } vote
                ? labels.Count == 0 ? 0 : (double)vote.Keep(labels.Where(l => l.Ended).ToList()).Count / labels.Count
                : Fraction(labels, l => l.Ended && l.Output == loop.task.Solve(l.Prompt));
            Results.Add(new ProbeResult(difficulty, accuracy));
            return accuracy;
        }
    }
}
