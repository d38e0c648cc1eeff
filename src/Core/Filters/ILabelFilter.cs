using Runner.Core.Labelling;

namespace Runner.Core.Filters;

/// <summary>
/// Decides which self-generated labels to train on (the paper's filters) without looking at
/// the true answers. Filters compose: each sees only what the previous one kept.
/// </summary>
public interface ILabelFilter
{
    /// <summary>A short description recorded in the ledger, e.g. "length(expected)".</summary>
    string Name { get; }

    IReadOnlyList<Label> Keep(IReadOnlyList<Label> labels);
}
