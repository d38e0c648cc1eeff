using Runner.Core.Evaluation;
using Runner.Core.Labelling;

namespace Runner.Core.SelfImprovement;

/// <summary>A generated label with what only the ledger may know: the true answer.</summary>
public sealed record LabelOutcome(Label Label, string TrueAnswer, bool Kept)
{
    public bool Correct => Label.Ended && Label.Output == TrueAnswer;
}

/// <summary>Everything one round did; round 0 has no labels.</summary>
public sealed record RoundOutcome(
    int Round,
    IReadOnlyList<int> Difficulties,
    IReadOnlyList<LabelOutcome> Labels,
    int Steps,
    double FinalLoss,
    IReadOnlyList<DifficultyAccuracy> Evaluation,
    int Frontier,
    TimeSpan Wall)
{
    public int LabelsKept => Labels.Count(l => l.Kept);

    /// <summary>True accuracy of all generated labels; NaN when there are none.</summary>
    public double LabelAccuracyGenerated => Labels.Count == 0 ? double.NaN : (double)Labels.Count(l => l.Correct) / Labels.Count;

    /// <summary>True accuracy of the labels the filters kept; NaN when none were kept.</summary>
    public double LabelAccuracyKept => LabelsKept == 0 ? double.NaN : (double)Labels.Count(l => l.Kept && l.Correct) / LabelsKept;
}
