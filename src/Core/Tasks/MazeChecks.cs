using System.Text.RegularExpressions;

namespace Runner.Core.Tasks;

/// <summary>
/// The maze checks the paper suggests. Together they accept any walk from start to end
/// along edges; only exact match with <see cref="MazeTask.Solve"/> also rules out detours.
/// A badly formatted output fails every check.
/// </summary>
public readonly record struct MazeCheck(bool FormatCorrect, bool EveryMoveIsAnEdge, bool RightEndpoints)
{
    public bool All => FormatCorrect && EveryMoveIsAnEdge && RightEndpoints;
}

public static class MazeChecks
{
    /// <summary>Labels 1..99 without leading zeros, at least two of them, joined by `>`.</summary>
    static readonly Regex PathFormat = new("^[1-9][0-9]?(>[1-9][0-9]?)+$");

    public static MazeCheck Check(string prompt, string output)
    {
        var maze = Maze.Parse(prompt);
        if (!PathFormat.IsMatch(output)) return new MazeCheck(false, false, false);
        var path = output.Split('>').Select(int.Parse).ToList();
        bool edges = path.Zip(path.Skip(1)).All(move =>
            maze.Neighbours.TryGetValue(move.First, out var next) && next.Contains(move.Second));
        return new MazeCheck(true, edges, path[0] == maze.Start && path[^1] == maze.End);
    }
}
