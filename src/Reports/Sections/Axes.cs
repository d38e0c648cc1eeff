using Runner.Core.Specs;

namespace Runner.Reports.Sections;

/// <summary>Axis titles with their units, by task kind.</summary>
public static class Axes
{
    public const string Accuracy = "Exact-match accuracy (fraction)";
    public const string Round = "Self-improvement round";

    public static string Difficulty(Spec? spec) => spec?.Task.Kind switch
    {
        "reverse_addition" or "forward_addition" => "Operand length (digits)",
        "copy" or "reverse" => "String length (digits)",
        "multiplication" => "Larger operand (digits); worst pair of that size",
        "maze_hops" => "Shortest-path length (hops)",
        "maze_nodes" => "Maze size (nodes)",
        _ => "Difficulty",
    };

    /// <summary>What a frontier counts in, for its axis: "Frontier (digits)".</summary>
    public static string Frontier(Spec? spec, string what = "Frontier") => spec?.Task.Kind switch
    {
        "maze_hops" => $"{what} (hops)",
        "maze_nodes" => $"{what} (nodes)",
        null => what,
        _ => $"{what} (digits)",
    };
}
