using Runner.Core.Tasks;

namespace Runner.Core.Schedules;

/// <summary>Which difficulties a round labels (the paper's schedules).</summary>
public interface IDifficultySchedule
{
    /// <summary>
    /// The difficulties round <paramref name="round"/> labels, given every difficulty trained so
    /// far (D0 included); null when the schedule has nothing left to label.
    /// </summary>
    IReadOnlyList<Difficulty>? Next(int round, IReadOnlySet<Difficulty> trained, IAccuracyProbe probe);
}

/// <summary>Measures how well the current model(s) do at a difficulty, on fresh inputs; the accelerated schedule asks it.</summary>
public interface IAccuracyProbe
{
    double Accuracy(Difficulty difficulty);
}
