using System.Globalization;

namespace Runner.Core.Tasks;

/// <summary>
/// A tree maze as its prompt writes it (the paper's tasks): `start>end#`, then every node as
/// `n:nb,nb,...` joined by `-`, then `=`. Labels are distinct integers 1..99. In a tree the path
/// between two nodes is unique, so the answer `start>x>...>end` is well defined.
/// </summary>
public sealed class Maze
{
    public const int MaxLabel = 99;

    public int Start { get; }
    public int End { get; }
    /// <summary>The nodes in the order the prompt lists them.</summary>
    public IReadOnlyList<int> Nodes { get; }
    /// <summary>Each node's neighbours in the order the prompt lists them.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<int>> Neighbours { get; }

    Maze(int start, int end, IReadOnlyList<int> nodes, IReadOnlyDictionary<int, IReadOnlyList<int>> neighbours) =>
        (Start, End, Nodes, Neighbours) = (start, end, nodes, neighbours);

    public string Prompt =>
        $"{Start}>{End}#{string.Join("-", Nodes.Select(n => $"{n}:{string.Join(",", Neighbours[n])}"))}=";

    /// <summary>
    /// A random maze of <paramref name="nodes"/> nodes whose start and end are <paramref name="hops"/>
    /// edges apart, drawn as the official code draws it (JackCai1206/arithmetic-self-improve,
    /// lib/data_formats_maze.py:30-43, a self-avoiding walk variant of Wilson's algorithm): a planted
    /// path from node 0 to node <paramref name="hops"/>; then each other node, last first, walks to
    /// uniformly random nodes among those that may be joined and those not yet placed, until it
    /// reaches one that may be joined. Only the walk's first node may be joined afterwards: the
    /// nodes it passed through become dead-end chains. (Loop-erased Wilson, which Runner drew before,
    /// has fewer such chains: 11.4 leaves in a 30-node, 9-hop maze against the official 10.0,
    /// tools/maze_stats.py.) Labels, node order and neighbour order are shuffled so that none of
    /// them gives the path away.
    /// </summary>
    public static Maze Generate(int nodes, int hops, Random rng)
    {
        if (nodes > MaxLabel) throw new ArgumentOutOfRangeException(nameof(nodes), $"a maze has at most {MaxLabel} nodes (got {nodes})");
        if (hops < 1 || hops >= nodes) throw new ArgumentOutOfRangeException(nameof(hops), $"hops must be 1..{nodes - 1} for {nodes} nodes (got {hops})");

        var edges = new List<(int A, int B)>();
        for (int i = 1; i <= hops; i++) edges.Add((i - 1, i));
        var joinable = Enumerable.Range(0, hops + 1).ToList();
        var unplaced = Enumerable.Range(hops + 1, nodes - hops - 1).ToList();
        while (unplaced.Count > 0)
        {
            int first = unplaced[^1];
            unplaced.RemoveAt(unplaced.Count - 1);
            // random.choice(current_nodes + new_nodes): the walk never revisits its own nodes.
            for (int at = first; ;)
            {
                int pick = rng.Next(joinable.Count + unplaced.Count);
                int to = pick < joinable.Count ? joinable[pick] : unplaced[pick - joinable.Count];
                edges.Add((at, to));
                if (pick < joinable.Count) break;
                unplaced.RemoveAt(pick - joinable.Count);
                at = to;
            }
            joinable.Add(first);
        }

        var labels = Enumerable.Range(1, MaxLabel).ToArray();
        rng.Shuffle(labels);
        var neighbours = Enumerable.Range(0, nodes).Select(_ => new List<int>()).ToArray();
        foreach (var (a, b) in edges)
        {
            neighbours[a].Add(labels[b]);
            neighbours[b].Add(labels[a]);
        }
        var byLabel = new Dictionary<int, IReadOnlyList<int>>();
        for (int i = 0; i < nodes; i++)
        {
            var shuffled = neighbours[i].ToArray();
            rng.Shuffle(shuffled);
            byLabel[labels[i]] = shuffled;
        }
        var order = labels[..nodes];
        rng.Shuffle(order);
        return new Maze(labels[0], labels[hops], order, byLabel);
    }

    /// <summary>Reads a maze prompt; throws <see cref="FormatException"/> when it is not one.</summary>
    public static Maze Parse(string prompt)
    {
        int hash = prompt.IndexOf('#');
        if (hash < 0 || !prompt.EndsWith('=')) throw NotAMaze(prompt);
        var ends = prompt[..hash].Split('>');
        if (ends.Length != 2) throw NotAMaze(prompt);
        var nodes = new List<int>();
        var neighbours = new Dictionary<int, IReadOnlyList<int>>();
        foreach (var entry in prompt[(hash + 1)..^1].Split('-'))
        {
            var parts = entry.Split(':');
            if (parts.Length != 2) throw NotAMaze(prompt);
            int node = Label(parts[0], prompt);
            if (!neighbours.TryAdd(node, parts[1].Split(',').Select(n => Label(n, prompt)).ToList())) throw NotAMaze(prompt);
            nodes.Add(node);
        }
        int start = Label(ends[0], prompt), end = Label(ends[1], prompt);
        if (!neighbours.ContainsKey(start) || !neighbours.ContainsKey(end)) throw NotAMaze(prompt);
        return new Maze(start, end, nodes, neighbours);
    }

    /// <summary>The path from start to end by breadth-first search (in a tree, the only one); null when they are not connected.</summary>
    public IReadOnlyList<int>? Path()
    {
        var cameFrom = new Dictionary<int, int> { [Start] = Start };
        var frontier = new Queue<int>([Start]);
        while (frontier.Count > 0 && !cameFrom.ContainsKey(End))
        {
            int node = frontier.Dequeue();
            foreach (var n in Neighbours.GetValueOrDefault(node, []))
                if (cameFrom.TryAdd(n, node)) frontier.Enqueue(n);
        }
        if (!cameFrom.ContainsKey(End)) return null;
        var path = new List<int> { End };
        while (path[^1] != Start) path.Add(cameFrom[path[^1]]);
        path.Reverse();
        return path;
    }

    static int Label(string text, string prompt) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var label) && label >= 1 && label <= MaxLabel
            ? label
            : throw NotAMaze(prompt);

    static FormatException NotAMaze(string prompt) => new($"not a maze prompt: '{prompt}'");
}
