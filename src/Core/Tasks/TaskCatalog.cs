namespace Runner.Core.Tasks;

/// <summary>The tasks a spec's task.kind may name.</summary>
public static class TaskCatalog
{
    public static readonly IReadOnlyList<string> Kinds = ["reverse_addition", "copy", "reverse"];

    public static ITask Create(string kind) => kind switch
    {
        "reverse_addition" => new ReversedAddition(),
        "copy" => StringTask.Copy(),
        "reverse" => StringTask.Reversal(),
        _ => throw new ArgumentException($"unknown task kind '{kind}' (expected one of: {string.Join(", ", Kinds)})"),
    };
}
