using System.Globalization;
using Runner.Core.Labelling;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Core.Filters;

/// <summary>
/// Keeps a label the models are sure of: the probability they give it, every token and the final
/// EOS, is at least the threshold. No ground truth, and one model is enough: a model's wrong
/// labels are mostly ones it was unsure of (in specs/cpu/copy.yaml's length-only runs, the kept
/// labels' median confidence was 0.72 for wrong ones and 0.99 for right ones). Ours, not the paper's.
/// </summary>
public sealed class ConfidenceFilter(double threshold) : ILabelFilter
{
    public string Name => string.Create(CultureInfo.InvariantCulture, $"confidence(>={threshold})");

    public IReadOnlyList<Label> Keep(IReadOnlyList<Label> labels) =>
        labels.Where(l => l.Confidence >= threshold).ToList();
}

/// <summary>{kind: confidence, threshold}: keeps labels the models give at least threshold probability.</summary>
public sealed class ConfidenceFilterKind : FilterKind
{
    public override string Name => "confidence";
    public override IReadOnlyList<string> Keys => ["threshold"];

    public override void Validate(FilterSpec filter, string path, SpecChecks checks, SpecContext context) =>
        checks.AboveZeroAtMostOne(filter.Threshold, $"{path}.threshold");

    public override ILabelFilter Create(FilterSpec filter, ITask task) => new ConfidenceFilter(filter.Threshold);
}
