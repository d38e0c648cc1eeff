using Runner.Core.Evaluation;
using Runner.Core.Labelling;
using Runner.Core.Model;
using Runner.Core.Plans;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Core.Training;
using Runner.Engine.Evaluation;

namespace Runner.Engine.SelfImprovement;

/// <summary>
/// A generated label with what only the ledger may know: the true answer. <see cref="Corrupted"/>
/// is the label the model was given instead, when noise injection corrupted it.
/// </summary>
public sealed record LabelOutcome(Label Label, string TrueAnswer, bool Kept, string? Corrupted = null)
{
    /// <summary>Whether the models' label is the true answer.</summary>
    public bool Correct => Label.Ended && Label.Output == TrueAnswer;

    /// <summary>The label the model trains on when kept (an official corruption's is a rendered token sequence).</summary>
    public string TrainedLabel => Corrupted ?? Label.Output;

    /// <summary>What the model trains on when kept: the prompt and label, or the corrupted tokens.</summary>
    public Example TrainedExample(Tokenizer tokenizer) => TrainingSequence.IsRendered(TrainedLabel)
        ? new Example(Label.Prompt, TrainedLabel) { Sequence = TrainingSequence.Parse(TrainedLabel, tokenizer) }
        : new Example(Label.Prompt, TrainedLabel);
}

/// <summary>One accelerated-schedule measurement: accuracy at a difficulty on fresh inputs, by true labels or by agreement.</summary>
public sealed record ProbeResult(Difficulty Difficulty, double Accuracy);

/// <summary>
/// Everything one round did; round 0 has no labels. <see cref="Evaluation"/> holds every model's
/// accuracies (one model unless the run votes); <see cref="Frontier"/> is the models' median
/// frontier; <see cref="FinalLoss"/> the mean of <see cref="MemberLosses"/>, each model's loss.
/// A round the avalanche guard stopped was not trained: 0 steps, no evaluation, the previous
/// frontier. <see cref="Stop"/> is set on the round that ended the run. <see cref="Times"/>
/// and <see cref="TokensTrained"/> (input positions of the examples model 0 trained on,
/// padding excluded) are known for a round this process ran, not for one read back from the ledger.
/// </summary>
public sealed record RoundOutcome(
    int Round,
    IReadOnlyList<Difficulty> Difficulties,
    IReadOnlyList<LabelOutcome> Labels,
    int Steps,
    double FinalLoss,
    IReadOnlyList<DifficultyAccuracy> Evaluation,
    int Frontier,
    TimeSpan Wall,
    IReadOnlyList<ProbeResult>? Probes = null,
    StopReason? Stop = null,
    IReadOnlyList<double>? MemberLosses = null,
    RoundTimes? Times = null,
    long TokensTrained = 0)
{
    public IReadOnlyList<ProbeResult> ProbeResults => Probes ?? [];

    /// <summary>The stop rule this round ended the run by; <see cref="Core.Plans.StopReason.None"/> on every other round.</summary>
    public StopReason StopReason => Stop ?? StopReason.None;

    public int LabelsKept => Labels.Count(l => l.Kept);

    /// <summary>The share of generated labels kept; NaN when there are none.</summary>
    public double KeptFraction => Labels.Count == 0 ? double.NaN : (double)LabelsKept / Labels.Count;

    /// <summary>True accuracy of all generated labels; NaN when there are none.</summary>
    public double LabelAccuracyGenerated => Labels.Count == 0 ? double.NaN : (double)Labels.Count(l => l.Correct) / Labels.Count;

    /// <summary>True accuracy of the labels trained on (kept, after any corruption); NaN when none were kept.</summary>
    public double LabelAccuracyKept => LabelsKept == 0 ? double.NaN
        : (double)Labels.Count(l => l.Kept && l.TrainedLabel == l.TrueAnswer) / LabelsKept;

    /// <summary>The models' mean confidence in every generated label; NaN when there are none.</summary>
    public double LabelConfidenceGenerated => Labels.Count == 0 ? double.NaN : Labels.Average(l => l.Label.Confidence);

    /// <summary>The models' mean confidence in the labels the filters kept (their own output, before any corruption); NaN when none were kept.</summary>
    public double LabelConfidenceKept => LabelsKept == 0 ? double.NaN : Labels.Where(l => l.Kept).Average(l => l.Label.Confidence);

    /// <summary>Mean votes for the chosen output (1 with one model); NaN when there are no labels.</summary>
    public double MeanVotes => Labels.Count == 0 ? double.NaN : Labels.Average(l => l.Label.Votes);

    /// <summary>Mean share of the models that agree with the chosen output; NaN when there are no labels.</summary>
    public double Agreement => Labels.Count == 0 ? double.NaN : Labels.Average(l => l.Label.Agreement);

    public int Models => Evaluation.Count == 0 ? 1 : Evaluation.Max(e => e.Member) + 1;

    /// <summary>Each model's frontier, by member index.</summary>
    public IReadOnlyList<int> MemberFrontiers(double solved) =>
        Evaluation.GroupBy(e => e.Member).OrderBy(g => g.Key).Select(g => Frontiers.Of(g.ToList(), solved)).ToList();

    /// <summary>Each model's reach past D0 (<see cref="Frontiers.Reach"/>), by member index.</summary>
    public IReadOnlyList<int> MemberReaches(int d0Max, double solved) =>
        Evaluation.GroupBy(e => e.Member).OrderBy(g => g.Key).Select(g => Frontiers.Reach(g.ToList(), d0Max, solved)).ToList();

    /// <summary>Each model's lowest accuracy inside D0, by member index.</summary>
    public IReadOnlyList<double> MemberD0Lowest(RangeSpec d0) =>
        Evaluation.GroupBy(e => e.Member).OrderBy(g => g.Key)
            .Select(g => Frontiers.D0Lowest(g.Select(e => (e.Difficulty, e.Accuracy)), d0.Min, d0.Max).Accuracy).ToList();

    /// <summary>The round in one line (<see cref="Core.Evaluation.Headline"/>); only for evaluated rounds.</summary>
    public Headline Headline(RangeSpec d0, double solved) => Core.Evaluation.Headline.Of(Evaluation, Frontier, d0, solved);

    /// <summary>Accuracy at each difficulty, averaged over the models.</summary>
    public IReadOnlyDictionary<Difficulty, double> MeanAccuracy =>
        Evaluation.GroupBy(e => e.Difficulty).ToDictionary(g => g.Key, g => g.Average(e => e.Accuracy));
}
