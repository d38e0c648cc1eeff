using Runner.Core.Tasks;

namespace Runner.Core.Schedules;

/// <summary>The spec lists the difficulties of every round; round r labels entry r-1.</summary>
public sealed class ExplicitSchedule(IReadOnlyList<IReadOnlyList<Difficulty>> rounds) : IDifficultySchedule
{
    public IReadOnlyList<Difficulty>? Next(int round, IReadOnlySet<Difficulty> trained, IAccuracyProbe probe) =>
        round - 1 < rounds.Count ? rounds[round - 1] : null;
}
