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
