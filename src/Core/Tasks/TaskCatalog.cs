namespace Runner.Core.Tasks;

/// <summary>The tasks a spec's task.kind may name: each task declares its own name (<see cref="ITask.Kind"/>) and everything else about it.</summary>
public static class TaskCatalog
{
    static readonly IReadOnlyList<Func<ITask>> Factories =
    [
        () => new ReversedAddition(),
        StringTask.Copy,
        StringTask.Reversal,
        () => new ForwardAddition(),
        () => new Multiplication(),
        MazeTask.Hops,
        MazeTask.NodeCount,
    ];

    static readonly IReadOnlyDictionary<string, Func<ITask>> ByKind = Factories.ToDictionary(create => create().Kind);

    /// <summary>Every task kind, in the order error messages list them.</summary>
    public static readonly IReadOnlyList<string> Kinds = Factories.Select(create => create().Kind).ToList();

    public static ITask Create(string kind) => ByKind.TryGetValue(kind, out var create) ? create()
        : throw new ArgumentException($"unknown task kind '{kind}' (expected one of: {string.Join(", ", Kinds)})");
}
