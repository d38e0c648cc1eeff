namespace Runner.Core.Tasks;

/// <summary>The tasks a spec's task.kind may name.</summary>
public static class TaskCatalog
{
    public static readonly IReadOnlyList<string> Kinds = ["reverse_addition", "copy", "reverse", "forward_addition", "multiplication", "maze_hops", "maze_nodes"];

    public static ITask Create(string kind) => kind switch
    {
        "reverse_addition" => new ReversedAddition(),
        "copy" => StringTask.Copy(),
        "reverse" => StringTask.Reversal(),
        "forward_addition" => new ForwardAddition(),
        "multiplication" => new Multiplication(),
        "maze_hops" => MazeTask.Hops(),
        "maze_nodes" => MazeTask.NodeCount(),
        _ => throw new ArgumentException($"unknown task kind '{kind}' (expected one of: {string.Join(", ", Kinds)})"),
    };
}
