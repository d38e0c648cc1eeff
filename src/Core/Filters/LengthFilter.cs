using Runner.Core.Labelling;
using Runner.Core.Tasks;

namespace Runner.Core.Filters;

/// <summary>Keeps labels of the answer length that the task's format fixes for their prompt; independent of the batch.</summary>
public sealed class ExpectedLengthFilter(ITask task) : ILabelFilter
{
    public string Name => "length(expected)";

    public IReadOnlyList<Label> Keep(IReadOnlyList<Label> labels) =>
        labels.Where(l => l.Output.Length == task.ExpectedAnswerLength(l.Prompt)).ToList();
}

/// <summary>
/// The paper's rule: in each decode batch, drop an output <c>k</c> or more characters shorter
/// than the longest output of that batch. The result depends on how labels were batched.
/// </summary>
public sealed class BatchLengthFilter(int k) : ILabelFilter
{
    public string Name => $"length(batch,k={k})";

    public IReadOnlyList<Label> Keep(IReadOnlyList<Label> labels)
    {
        var longest = labels.GroupBy(l => l.Batch).ToDictionary(g => g.Key, g => g.Max(l => l.Output.Length));
        return labels.Where(l => l.Output.Length > longest[l.Batch] - k).ToList();
    }
}
