using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Core.Schedules;

/// <summary>
/// One step a round: the first step of the task's curriculum not trained yet (+1 digit, +1 hop,
/// the next three node counts, or the next multiplication pairs).
/// </summary>
public sealed class UniformSchedule(Curriculum curriculum) : IDifficultySchedule
{
    public IReadOnlyList<Difficulty>? Next(int round, IReadOnlySet<Difficulty> trained, IAccuracyProbe probe) =>
        curriculum.StepsAfter(trained).FirstOrDefault();
}

/// <summary>{kind: uniform}: the paper's default schedule; each round weighs one in the data mixture.</summary>
public sealed class UniformScheduleKind : ScheduleKind
{
    public override string Name => "uniform";
    public override bool WeighsRoundsByDifficulties => false;

    public override IDifficultySchedule Create(ScheduleSpec schedule, ITask task, int d0Max) => new UniformSchedule(new Curriculum(task, d0Max));
}
