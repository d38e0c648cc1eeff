using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Reports.Sections;

/// <summary>Axis titles with their units; a task's difficulty axis is the task's own (<see cref="ITask.DifficultyAxis"/>).</summary>
public static class Axes
{
    public const string Accuracy = "Exact-match accuracy (fraction)";
    public const string Round = "Self-improvement round";

    public static string Difficulty(Spec? spec) => Task(spec)?.DifficultyAxis ?? "Difficulty";

    /// <summary>What a frontier counts in, for its axis: "Frontier (digits)".</summary>
    public static string Frontier(Spec? spec, string what = "Frontier") =>
        Task(spec) is { } task ? $"{what} ({task.DifficultyUnit})" : spec is null ? what : $"{what} (digits)";

    static ITask? Task(Spec? spec) => spec is not null && TaskCatalog.Kinds.Contains(spec.Task.Kind) ? TaskCatalog.Create(spec.Task.Kind) : null;
}
