using NUnit.Framework;
using Runner.Core.Tasks;

namespace Runner.Tests.Tasks;

/// <summary>
/// The mazes follow the official generator's distribution (lib/data_formats_maze.py:30-43). The
/// expected numbers come from tools/maze_stats.py, which runs that algorithm (and, for contrast,
/// the loop-erased Wilson trees Runner drew before) on 20,000 mazes of 30 nodes and 9 hops:
/// official 10.015 leaves (sd 1.785) and a mean node distance from the path of 1.5846 (sd 0.4406);
/// loop-erased 11.424 leaves and 1.6349.
/// </summary>
public class MazeGeneratorTests
{
    [Test]
    public void LeavesAndDistanceFromThePathMatchTheOfficialGenerator()
    {
        var rng = new Random(25);
        var mazes = Enumerable.Range(0, 4000).Select(_ => Maze.Generate(30, 9, rng)).ToList();

        double leaves = mazes.Average(m => m.Nodes.Count(n => m.Neighbours[n].Count == 1));
        double distance = mazes.Average(MeanDistanceFromPath);

        // Tolerances are about 3.5 standard errors of both estimates; loop-erased Wilson lies far outside.
        Assert.That(leaves, Is.EqualTo(10.015).Within(0.11), "official 10.015, loop-erased 11.424");
        Assert.That(distance, Is.EqualTo(1.5846).Within(0.025), "official 1.5846, loop-erased 1.6349");
    }

    static double MeanDistanceFromPath(Maze maze)
    {
        var distance = maze.Path()!.ToDictionary(n => n, _ => 0);
        var frontier = new Queue<int>(distance.Keys);
        while (frontier.Count > 0)
        {
            int node = frontier.Dequeue();
            foreach (var n in maze.Neighbours[node])
                if (distance.TryAdd(n, distance[node] + 1)) frontier.Enqueue(n);
        }
        return distance.Values.Average();
    }
}
