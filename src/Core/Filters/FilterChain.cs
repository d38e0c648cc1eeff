using Runner.Core.Labelling;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Core.Filters;

/// <summary>
/// The spec's filters in order, each built by its declared kind (<see cref="FilterKind"/>). With
/// none, every label is kept, an output that never wrote EOS included (trained with EOS appended),
/// as the official code's unfiltered arms keep it; the `ended` filter drops such outputs.
/// </summary>
public sealed class FilterChain(IReadOnlyList<ILabelFilter> filters)
{
    public static FilterChain From(IEnumerable<FilterSpec> specs, ITask task, SpecKinds kinds) =>
        new(specs.Select(s => kinds.Filter(s.Kind).Create(s, task)).ToList());

    public string Name => filters.Count == 0 ? "none" : string.Join(" > ", filters.Select(f => f.Name));

    public IReadOnlyList<Label> Keep(IReadOnlyList<Label> labels)
    {
        IReadOnlyList<Label> kept = labels;
        foreach (var filter in filters) kept = filter.Keep(kept);
        return kept;
    }
}
