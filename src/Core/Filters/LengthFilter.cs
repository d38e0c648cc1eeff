using Runner.Core.Labelling;
using Runner.Core.Model;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Core.Filters;

/// <summary>
/// Keeps labels of a length the task's format allows for their prompt (one length for padded
/// formats, max(len) or max(len)+1 digits for forward addition); independent of the batch.
/// Lengths are counted in the tokens the label will be trained as. Only for tasks whose prompt
/// tells the answer's length (<see cref="ITask.PromptTellsAnswerLength"/>).
/// </summary>
public sealed class ExpectedLengthFilter : ILabelFilter
{
    readonly ITask task;
    readonly Tokenizer tokenizer;

    public ExpectedLengthFilter(ITask task)
    {
        if (!task.PromptTellsAnswerLength)
            throw new ArgumentException($"the expected-length filter needs a task whose prompt tells the answer's length; {task.Kind}'s does not");
        this.task = task;
        tokenizer = new Tokenizer(task.Vocabulary);
    }

    public string Name => "length(expected)";

    public IReadOnlyList<Label> Keep(IReadOnlyList<Label> labels) => labels.Where(l =>
    {
        int tokens = tokenizer.Encode(l.Output).Count();
        return tokens >= task.MinAnswerTokens(l.Prompt) && tokens <= task.MaxAnswerTokens(l.Prompt);
    }).ToList();
}

/// <summary>
/// The paper's rule: in each decode batch, drop an output <c>k</c> or more tokens shorter than
/// the longest output of that batch. Lengths are the tokens written, EOS included when written
/// (the official code tests whether the padded output's k-th last token is PAD:
/// lib/data_utils.py:703, 824), so a maze label 10..99 counts once. The longest is over every
/// output of the decode batch (<see cref="Label.BatchLongest"/>), not over labels an earlier
/// filter kept. The result depends on how labels were batched (each batch holds one difficulty).
/// </summary>
public sealed class BatchLengthFilter(int k, ITask task) : ILabelFilter
{
    readonly Tokenizer tokenizer = new(task.Vocabulary);

    public string Name => $"length(batch,k={k})";

    public IReadOnlyList<Label> Keep(IReadOnlyList<Label> labels)
    {
        var written = labels.Select(l => tokenizer.Count(l.Output) + (l.Ended ? 1 : 0)).ToList();
        // Labels that do not know their batch's longest output (read back from a ledger) compare within what they are given.
        var longestGiven = labels.Select((l, i) => (l.Batch, Written: written[i])).GroupBy(l => l.Batch).ToDictionary(g => g.Key, g => g.Max(l => l.Written));
        return labels.Where((l, i) => written[i] > (l.BatchLongest >= 0 ? l.BatchLongest : longestGiven[l.Batch]) - k).ToList();
    }
}

/// <summary>
/// {kind: length, rule, k}: the expected-length rule (independent of the batch; needs a prompt
/// that tells the answer's length) or the paper's batch rule with its k.
/// </summary>
public sealed class LengthFilterKind : FilterKind
{
    static readonly string[] Rules = ["expected", "batch"];

    public override string Name => "length";
    public override IReadOnlyList<string> Keys => ["rule", "k"];

    public override void Validate(FilterSpec filter, string path, SpecChecks checks, SpecContext context)
    {
        checks.OneOf(filter.Rule, Rules, $"{path}.rule");
        if (filter.Rule == "expected")
        {
            if (context.Task is { PromptTellsAnswerLength: false } task)
                checks.Check(false, $"{path}.rule",
                    $"'expected' needs a prompt that tells the answer's length, and {task.Kind}'s does not; use rule 'batch' (with k)");
            checks.Unused(filter.K, new FilterSpec().K, $"{path}.k", "'k' is for rule 'batch'; rule 'expected' has no k");
        }
        checks.AtLeast(filter.K, 1, $"{path}.k");
    }

    public override ILabelFilter Create(FilterSpec filter, ITask task) => filter.Rule switch
    {
        "expected" => new ExpectedLengthFilter(task),
        "batch" => new BatchLengthFilter(filter.K, task),
        _ => throw new ArgumentException($"unknown length rule '{filter.Rule}'"),
    };
}
