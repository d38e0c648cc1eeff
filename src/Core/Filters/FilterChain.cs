using Runner.Core.Labelling;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Core.Filters;

/// <summary>
/// The spec's filters in order. An output that never wrote EOS is no label at all (its answer
/// is cut off), so it is dropped before any filter, also when the spec asks for none.
/// </summary>
public sealed class FilterChain(IReadOnlyList<ILabelFilter> filters)
{
    public static FilterChain From(IEnumerable<FilterSpec> specs, ITask task) => new(specs.Select(s => Create(s, task)).ToList());

    public static ILabelFilter Create(FilterSpec spec, ITask task) => (spec.Kind, spec.Rule) switch
    {
        ("length", "expected") => new ExpectedLengthFilter(task),
        ("length", "batch") => new BatchLengthFilter(spec.K, task),
        ("majority", _) => new MajorityFilter(spec.Models, spec.Threshold),
        ("oracle", _) => new OracleFilter(task),
        ("confidence", _) => new ConfidenceFilter(spec.Threshold),
        _ => throw new ArgumentException($"unknown filter {spec.Kind}({spec.Rule})"),
    };

    /// <summary>How many models a run trains: the majority filter's, else one.</summary>
    public static int Models(IEnumerable<FilterSpec> specs) =>
        specs.FirstOrDefault(s => s.Kind == "majority")?.Models ?? 1;

    public string Name => filters.Count == 0 ? "none" : string.Join(" > ", filters.Select(f => f.Name));

    public IReadOnlyList<Label> Keep(IReadOnlyList<Label> labels)
    {
        IReadOnlyList<Label> kept = labels.Where(l => l.Ended).ToList();
        foreach (var filter in filters) kept = filter.Keep(kept);
        return kept;
    }
}
