using Runner.Core.Labelling;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Core.Filters;

/// <summary>
/// Keeps a label only when the model ended it: wrote EOS within the decode cap, and the tokens
/// before EOS read back as the same text. Ours, not the paper's: the official code trains on an
/// unended output with EOS appended (lib/data_utils.py:559, 830), so its unfiltered arms keep them.
/// No ground truth.
/// </summary>
public sealed class EndedFilter : ILabelFilter
{
    public string Name => "ended";

    public IReadOnlyList<Label> Keep(IReadOnlyList<Label> labels) => labels.Where(l => l.Ended).ToList();
}

/// <summary>{kind: ended}: drops outputs that never wrote EOS.</summary>
public sealed class EndedFilterKind : FilterKind
{
    public override string Name => "ended";

    public override ILabelFilter Create(FilterSpec filter, ITask task) => new EndedFilter();
}
