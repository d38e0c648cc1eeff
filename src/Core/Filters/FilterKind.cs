using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Core.Filters;

/// <summary>
/// A filter kind a spec may name in self_improve.filters, declared by the filter's own file:
/// its name and keys (<see cref="ISpecKind{TSection}"/>), its checks, and how it is built.
/// Adding a kind is a new subclass and a line in <see cref="SpecKinds.Builtin"/>, or
/// <see cref="SpecKinds.With(FilterKind)"/> for a kind of one's own.
/// </summary>
public abstract class FilterKind : ISpecKind<FilterSpec>
{
    public abstract string Name { get; }

    public virtual IReadOnlyList<string> Keys => [];

    public virtual void Validate(FilterSpec filter, string path, SpecChecks checks, SpecContext context) { }

    public abstract ILabelFilter Create(FilterSpec filter, ITask task);

    /// <summary>
    /// Whether the filter is a vote of several models: it decides how many models a run trains
    /// (<see cref="Voters"/>), a spec may have one, and agreement (the guard's min_agreement, the
    /// accelerated schedule's agreement measure) is among its models.
    /// </summary>
    public virtual bool Votes => false;

    /// <summary>How many models label every input for this filter; one unless it <see cref="Votes"/>.</summary>
    public virtual int Voters(FilterSpec filter) => 1;
}
