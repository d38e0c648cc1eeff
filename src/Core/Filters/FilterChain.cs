using Runner.Core.Labelling;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Core.Filters;

/// <summary>
/// The spec's filters in order, each built by its declared kind (<see cref="FilterKind"/>). An
/// output that never wrote EOS is no label at all (its answer is cut off), so it is dropped
/// before any filter, also when the spec asks for none.
/// </summary>
public sealed class FilterChain(IReadOnlyList<ILabelFilter> filters)
{
    public static FilterChain From(IEnumerable<FilterSpec> specs, ITask task, SpecKinds kinds) =>
        new(specs.Select(s => kinds.Filter(s.Kind).Create(s, task)).ToList());

    public string Name => filters.Count == 0 ? "none" : string.Join(" > ", filters.Select(f => f.Name));

    public IReadOnlyList<Label> Keep(IReadOnlyList<Label> labels)
    {
        IReadOnlyList<Label> kept = labels.Where(l => l.Ended).ToList();
        foreach (var filter in filters) kept = filter.Keep(kept);
        return kept;
    }
}
