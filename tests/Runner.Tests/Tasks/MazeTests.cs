using System.Text.RegularExpressions;
using NUnit.Framework;
using Runner.Core.Labelling;
using Runner.Core.Model;
using Runner.Core.Tasks;
using Runner.Engine.Labelling;

namespace Runner.Tests.Tasks;

public class MazeTests
{
    /// <summary>The paper's example answer `34>66>63>52` on a hand-built maze with a side branch at 66.</summary>
    const string HandBuilt = "34>52#63:52,66-34:66-52:63-66:71,63,34-71:66=";

    static readonly Regex PromptFormat = new(@"^(\d+)>(\d+)#(\d+:\d+(?:,\d+)*(?:-\d+:\d+(?:,\d+)*)*)=$");

    [Test]
    public void SolvesAHandBuiltMaze()
    {
        Assert.That(MazeTask.Hops().Solve(HandBuilt), Is.EqualTo("34>66>63>52"));
        Assert.That(MazeTask.NodeCount().Solve(HandBuilt), Is.EqualTo("34>66>63>52"));
        var maze = Maze.Parse(HandBuilt);
        Assert.That((maze.Start, maze.End), Is.EqualTo((34, 52)));
        Assert.That(maze.Nodes, Is.EqualTo(new[] { 63, 34, 52, 66, 71 }));
        Assert.That(maze.Neighbours[66], Is.EqualTo(new[] { 71, 63, 34 }));
        Assert.That(maze.Prompt, Is.EqualTo(HandBuilt));
    }

    static IEnumerable<TestCaseData> Mazes()
    {
        foreach (var hops in new[] { 1, 2, 9, 17, 29 }) yield return new TestCaseData(MazeTask.Hops(), hops, MazeTask.HopsTaskNodes, hops);
        foreach (var nodes in new[] { 10, 13, 30, 64, 99 }) yield return new TestCaseData(MazeTask.NodeCount(), nodes, nodes, MazeTask.NodesTaskHops);
    }

    [TestCaseSource(nameof(Mazes))]
    public void GeneratedMazesAreTreesWithTheOnlyPathOfTheRightHops(MazeTask task, int difficulty, int nodes, int hops)
    {
        var rng = new Random(difficulty);
        for (int i = 0; i < 100; i++)
        {
            var prompt = task.SamplePrompt(difficulty, rng);
            var (start, end, graph) = ReadIndependently(prompt);

            Assert.That(graph.Keys, Has.Count.EqualTo(nodes), prompt);
            Assert.That(graph.Keys, Is.All.InRange(1, Maze.MaxLabel), prompt);
            Assert.That(graph.Keys, Does.Contain(start).And.Contain(end), prompt);
            foreach (var (node, neighbours) in graph)
            {
                Assert.That(neighbours, Is.Unique.And.Not.Empty.And.Not.Contains(node), prompt);
                foreach (var n in neighbours)
                    Assert.That(graph.TryGetValue(n, out var back) && back.Contains(node), Is.True, $"{node}-{n} not symmetric in {prompt}");
            }
            // N-1 edges and connected: a tree.
            Assert.That(graph.Values.Sum(n => n.Count), Is.EqualTo(2 * (nodes - 1)), prompt);
            Assert.That(Reachable(graph, start), Has.Count.EqualTo(nodes), prompt);

            var paths = SimplePaths(graph, start, end);
            Assert.That(paths, Has.Count.EqualTo(1), prompt);
            Assert.That(paths[0], Has.Count.EqualTo(hops + 1), prompt);
            var answer = task.Solve(prompt);
            Assert.That(answer, Is.EqualTo(string.Join(">", paths[0])), prompt);
            Assert.That(MazeChecks.Check(prompt, answer).All, Is.True, prompt);
        }
    }

    [TestCaseSource(nameof(Mazes))]
    public void MaxAnswerTokensBoundsTheAnswerInTokens(MazeTask task, int difficulty, int nodes, int hops)
    {
        var tokenizer = new Tokenizer(task.Vocabulary);
        var prompt = task.SamplePrompt(difficulty, new Random(1));

        Assert.That(task.PromptTellsAnswerLength, Is.False);
        Assert.That(task.MinAnswerTokens(prompt), Is.EqualTo(3));
        Assert.That(task.MaxAnswerTokens(prompt), Is.EqualTo(2 * nodes - 1));
        Assert.That(tokenizer.Encode(task.Solve(prompt)).Count(), Is.EqualTo(2 * hops + 1));
        Assert.That(Labeller.MaxAnswerTokens(task, [prompt]), Is.EqualTo(2 * nodes - 1 + Labeller.TokenSlack));
    }

    [Test]
    public void NodeAndNeighbourOrdersAreShuffled()
    {
        var task = MazeTask.Hops();
        var rng = new Random(3);
        int startListedFirst = 0;
        var firstNeighbourOfStart = new HashSet<int>();
        for (int i = 0; i < 200; i++)
        {
            var maze = Maze.Parse(task.SamplePrompt(1, rng));
            if (maze.Nodes[0] == maze.Start) startListedFirst++;
            // With one hop the end is the start's neighbour; it must not always be listed first.
            if (maze.Neighbours[maze.Start].Count > 1) firstNeighbourOfStart.Add(maze.Neighbours[maze.Start][0] == maze.End ? 1 : 0);
        }
        Assert.That(startListedFirst, Is.LessThan(40));
        Assert.That(firstNeighbourOfStart, Is.EquivalentTo(new[] { 0, 1 }));
    }

    [Test]
    public void SampleTrainingCoversTheRangeAndIsSolved()
    {
        var task = MazeTask.NodeCount();
        var rng = new Random(8);
        var sizes = new HashSet<int>();
        for (int i = 0; i < 200; i++)
        {
            var example = task.SampleTraining(10, 13, rng);
            Assert.That(task.Checks(example.Prompt, example.Answer).All(c => c.Passed), Is.True, example.Answer);
            Assert.That(example.Answer.Split('>'), Has.Length.EqualTo(MazeTask.NodesTaskHops + 1));
            sizes.Add(Maze.Parse(example.Prompt).Nodes.Count);
        }
        Assert.That(sizes, Is.EquivalentTo(new[] { 10, 11, 12, 13 }));
    }

    [Test]
    public void SameSeedGivesSameMaze()
    {
        foreach (var task in new[] { MazeTask.Hops(), MazeTask.NodeCount() })
        {
            Random r1 = new(4), r2 = new(4);
            for (int i = 0; i < 20; i++)
                Assert.That(task.SampleTraining(10, 20, r2), Is.EqualTo(task.SampleTraining(10, 20, r1)));
            Assert.That(task.SamplePrompt(12, new Random(1)), Is.Not.EqualTo(task.SamplePrompt(12, new Random(2))));
        }
    }

    [Test]
    public void KindsAndDifficultyRanges()
    {
        Assert.That((MazeTask.Hops().Kind, MazeTask.Hops().MinDifficulty, MazeTask.Hops().MaxDifficulty), Is.EqualTo(("maze_hops", 1, 29)));
        Assert.That((MazeTask.NodeCount().Kind, MazeTask.NodeCount().MinDifficulty, MazeTask.NodeCount().MaxDifficulty), Is.EqualTo(("maze_nodes", 10, 99)));
        Assert.Throws<ArgumentOutOfRangeException>(() => MazeTask.Hops().SamplePrompt(30, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => MazeTask.Hops().SamplePrompt(0, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => MazeTask.NodeCount().SamplePrompt(9, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => MazeTask.NodeCount().SamplePrompt(100, new Random(1)));
        Assert.That(MazeTask.Hops().PromptCount(5), Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void LevelsStopAtTheDifficultiesAMazeCanHave()
    {
        // An evaluation window past the largest difficulty (end + eval.above) is cut there, not sampled.
        Assert.That(MazeTask.Hops().Levels(25, 33), Is.EqualTo(new Difficulty[] { 25, 26, 27, 28, 29 }));
        Assert.That(MazeTask.NodeCount().Levels(7, 12), Is.EqualTo(new Difficulty[] { 10, 11, 12 }));
        Assert.That(MazeTask.Hops().Levels(30, 33), Is.Empty);
    }

    [TestCase("1+2=")]
    [TestCase("34>52#34:52-52:34")]
    [TestCase("34>52#34:52-52:34-52:34=")]
    [TestCase("34>52#34:52-52:=")]
    [TestCase("34>77#34:52-52:34=")]
    [TestCase("34>52#34:100-100:34=")]
    public void ParseRejectsWhatIsNotAMaze(string prompt) =>
        Assert.Throws<FormatException>(() => Maze.Parse(prompt));

    /// <summary>Reads a prompt with a regex and splits, independently of <see cref="Maze.Parse"/>; a node listed twice fails.</summary>
    static (int Start, int End, Dictionary<int, List<int>> Graph) ReadIndependently(string prompt)
    {
        var match = PromptFormat.Match(prompt);
        Assert.That(match.Success, Is.True, prompt);
        var graph = new Dictionary<int, List<int>>();
        foreach (var entry in match.Groups[3].Value.Split('-'))
        {
            var parts = entry.Split(':');
            Assert.That(graph.TryAdd(int.Parse(parts[0]), parts[1].Split(',').Select(int.Parse).ToList()), Is.True, $"{parts[0]} listed twice in {prompt}");
        }
        return (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value), graph);
    }

    static HashSet<int> Reachable(Dictionary<int, List<int>> graph, int from)
    {
        var seen = new HashSet<int> { from };
        var stack = new Stack<int>([from]);
        while (stack.Count > 0)
            foreach (var n in graph[stack.Pop()])
                if (seen.Add(n)) stack.Push(n);
        return seen;
    }

    /// <summary>Every path from start to end that visits no node twice.</summary>
    static List<List<int>> SimplePaths(Dictionary<int, List<int>> graph, int start, int end)
    {
        var paths = new List<List<int>>();
        var path = new List<int> { start };
        void Extend()
        {
            if (path[^1] == end) { paths.Add([.. path]); return; }
            foreach (var n in graph[path[^1]].Where(n => !path.Contains(n)))
            {
                path.Add(n);
                Extend();
                path.RemoveAt(path.Count - 1);
            }
        }
        Extend();
        return paths;
    }
}
