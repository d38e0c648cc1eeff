using Runner.Core.Labelling;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Core.Filters;

/// <summary>
/// Keeps only correct labels, judged against the true answer (the paper's filters). It uses
/// ground truth, so it is for ablations only: an upper bound on what any filter can achieve.
/// </summary>
public sealed class OracleFilter(ITask task) : ILabelFilter
{
    public string Name => "oracle";

    public IReadOnlyList<Label> Keep(IReadOnlyList<Label> labels) =>
        labels.Where(l => l.Output == task.Solve(l.Prompt)).ToList();
}

/// <summary>{kind: oracle}: keeps only correct labels (ground truth; ablations only).</summary>
public sealed class OracleFilterKind : FilterKind
{
    public override string Name => "oracle";

    public override ILabelFilter Create(FilterSpec filter, ITask task) => new OracleFilter(task);
}
