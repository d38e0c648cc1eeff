using System.Globalization;
using Runner.Core.Labelling;

namespace Runner.Core.Filters;

/// <summary>
/// Majority vote (the paper's filters): keeps a label when its output, the most common among the
/// models, has at least threshold x models votes and no other output has as many. The voting
/// itself happens when the models label (<see cref="MajorityVote"/>); this filter applies the
/// threshold.
/// </summary>
public sealed class MajorityFilter(int models, double threshold) : ILabelFilter
{
    public int Required { get; } = MajorityVote.Required(threshold, models);

    public string Name => string.Create(CultureInfo.InvariantCulture, $"majority(models={models},threshold={threshold},votes>={Required})");

    public IReadOnlyList<Label> Keep(IReadOnlyList<Label> labels) =>
        labels.Where(l => !l.Tied && l.Votes >= Required).ToList();
}
