using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Core.Schedules;

/// <summary>The schedules a spec's self_improve.schedule.kind may name.</summary>
public static class ScheduleCatalog
{
    public static readonly IReadOnlyList<string> Kinds = ["uniform", "accelerated", "explicit"];

    public static IDifficultySchedule Create(ScheduleSpec spec, ITask task, int d0Max) => spec.Kind switch
    {
        "uniform" => new UniformSchedule(new Curriculum(task, d0Max)),
        "accelerated" => new AcceleratedSchedule(new Curriculum(task, d0Max), spec.Threshold, spec.MaxSteps),
        "explicit" => new ExplicitSchedule(spec.Difficulties.Select(Difficulty.ParseList).ToList()),
        _ => throw new ArgumentException($"unknown schedule '{spec.Kind}' (expected one of: {string.Join(", ", Kinds)})"),
    };
}
