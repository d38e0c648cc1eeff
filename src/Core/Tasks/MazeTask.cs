namespace Runner.Core.Tasks;

/// <summary>
/// Shortest path in a tree maze (the paper's tasks), `34>52#46:52-75:34-...=` -> `34>66>63>52`.
/// Two kinds: maze_hops, difficulty = hops between start and end on 30 nodes; maze_nodes,
/// difficulty = node count with 9 hops. Every label 10..99 is one token (the paper's model).
/// </summary>
public sealed class MazeTask(bool byNodes) : ITask
{
    /// <summary>Node count of maze_hops.</summary>
    public const int HopsTaskNodes = 30;
    /// <summary>Hops of maze_nodes.</summary>
    public const int NodesTaskHops = 9;

    public static MazeTask Hops() => new(byNodes: false);
    public static MazeTask NodeCount() => new(byNodes: true);

    public string Kind => byNodes ? "maze_nodes" : "maze_hops";

    public string Describe(Difficulty difficulty) => byNodes ? $"{difficulty} nodes" : difficulty.A == 1 ? "1 hop" : $"{difficulty} hops";

    public string DifficultyAxis => byNodes ? "Maze size (nodes)" : "Shortest-path length (hops)";

    public string DifficultyUnit => byNodes ? "nodes" : "hops";

    public IReadOnlyList<string> Vocabulary { get; } =
        [.. Vocabularies.Characters("0123456789>#:,-="), .. Enumerable.Range(10, Maze.MaxLabel - 9).Select(n => n.ToString())];

    /// <summary>The answer's length depends on the path, which only solving reveals.</summary>
    public bool PromptTellsAnswerLength => false;

    /// <summary>The shortest path there is: start>end, 3 tokens.</summary>
    public int MinAnswerTokens(string prompt) => 3;

    /// <summary>Smallest difficulty a maze can have: 1 hop, or one node more than maze_nodes' hops.</summary>
    public int MinDifficulty => byNodes ? NodesTaskHops + 1 : 1;
    /// <summary>Largest difficulty: one hop fewer than the nodes, or as many nodes as there are labels.</summary>
    public int MaxDifficulty => byNodes ? Maze.MaxLabel : HopsTaskNodes - 1;

    /// <summary>The difficulties of min..max that a maze can have: a window past the largest (eval.above) stops there.</summary>
    public IReadOnlyList<Difficulty> Levels(int min, int max) =>
        Enumerable.Range(min, Math.Max(0, max - min + 1)).Where(n => n >= MinDifficulty && n <= MaxDifficulty).Select(n => (Difficulty)n).ToList();

    /// <summary>
    /// D0 weighs the node counts it spans, as the paper's sampling code (the node count is its
    /// first operand): 21 for maze_nodes' 10-30, but 1 for maze_hops, whose mazes all have 30 nodes.
    /// </summary>
    public int D0Weight(int min, int max) => byNodes ? Levels(min, max).Count : 1;

    public Example SampleTraining(int minDifficulty, int maxDifficulty, Random rng)
    {
        var prompt = SamplePrompt(rng.Next(minDifficulty, maxDifficulty + 1), rng);
        return new Example(prompt, Solve(prompt));
    }

    public string SamplePrompt(Difficulty difficulty, Random rng)
    {
        int n = difficulty.A;
        if (difficulty.IsPair || n < MinDifficulty || n > MaxDifficulty)
            throw new ArgumentOutOfRangeException(nameof(difficulty), $"{Kind} difficulty must be {MinDifficulty}..{MaxDifficulty} (got {difficulty})");
        return byNodes
            ? Maze.Generate(n, NodesTaskHops, rng).Prompt
            : Maze.Generate(HopsTaskNodes, n, rng).Prompt;
    }

    /// <summary>Ground truth from the prompt alone: the unique path from start to end.</summary>
    public string Solve(string prompt)
    {
        var path = Maze.Parse(prompt).Path() ?? throw new ArgumentException($"start and end are not connected: '{prompt}'");
        return string.Join(">", path);
    }

    /// <summary>
    /// An upper bound without solving: a path visits each of the N nodes at most once, and each
    /// visit costs one label token plus one `>` between visits, so 2N - 1 tokens. (In characters
    /// it would be up to 3N - 1, since a label 10..99 is two characters but one token.)
    /// </summary>
    public int MaxAnswerTokens(string prompt) => 2 * (prompt.Count(c => c == '-') + 1) - 1;

    public IReadOnlyList<(string Name, bool Passed)> Checks(string prompt, string output)
    {
        var check = MazeChecks.Check(prompt, output);
        return [("format_correct", check.FormatCorrect), ("every_move_an_edge", check.EveryMoveIsAnEdge), ("right_endpoints", check.RightEndpoints)];
    }

    /// <summary>
    /// One hop a round on maze_hops. On maze_nodes the next three node counts a round, every one
    /// of them labelled: the paper's round 1 labels 31, 32 and 33 nodes, then 34-36, ...
    /// (experiments/run_maze_nodes_vanilla.sh of the paper's code); the last step stops at 99.
    /// </summary>
    public IEnumerable<IReadOnlyList<Difficulty>> Curriculum(int d0Max)
    {
        int step = byNodes ? 3 : 1;
        for (int n = d0Max + 1; n <= MaxDifficulty; n += step)
            yield return Enumerable.Range(n, Math.Min(step, MaxDifficulty - n + 1)).Select(c => (Difficulty)c).ToList();
    }

    /// <summary>Distinct mazes far outnumber any evaluation set (there are already 99!/(99-N)! labellings).</summary>
    public double PromptCount(Difficulty difficulty) => double.PositiveInfinity;
}
