using Runner.Core.Tasks;

namespace Runner.Core.Schedules;

/// <summary>The task's steps past D0 in the paper's order (<see cref="ITask.Curriculum"/>), as the schedules walk them.</summary>
public sealed class Curriculum(ITask task, int d0Max)
{
    /// <summary>The steps not yet trained, in order: a step counts as trained once all its difficulties are.</summary>
    public IEnumerable<IReadOnlyList<Difficulty>> StepsAfter(IReadOnlySet<Difficulty> trained) =>
        task.Curriculum(d0Max).Where(step => !step.All(trained.Contains));
}
