using System.Globalization;
using Runner.Core.Labelling;
using Runner.Core.Specs;
using Runner.Core.Tasks;

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

/// <summary>{kind: majority, models, threshold}: models trained with different seeds vote on every label.</summary>
public sealed class MajorityFilterKind : FilterKind
{
    public override string Name => "majority";
    public override IReadOnlyList<string> Keys => ["models", "threshold"];
    public override bool Votes => true;
    public override int Voters(FilterSpec filter) => filter.Models;

    public override void Validate(FilterSpec filter, string path, SpecChecks checks, SpecContext context)
    {
        checks.AtLeast(filter.Models, 2, $"{path}.models");
        checks.AboveZeroAtMostOne(filter.Threshold, $"{path}.threshold");
    }

    public override ILabelFilter Create(FilterSpec filter, ITask task) => new MajorityFilter(filter.Models, filter.Threshold);
}
