using Runner.Core.Tasks;

namespace Runner.Core.Schedules;

/// <summary>
/// The accelerated schedule (the paper's schedules): from the first untrained step, measure the
/// model's accuracy step by step and extend while every difficulty of the step scores at least
/// the threshold; the round labels every step that passed, and always at least the first.
/// </summary>
public sealed class AcceleratedSchedule(Curriculum curriculum, double threshold, int? maxSteps) : IDifficultySchedule
{
    public IReadOnlyList<Difficulty>? Next(int round, IReadOnlySet<Difficulty> trained, IAccuracyProbe probe)
    {
        var chosen = new List<Difficulty>();
        int steps = 0;
        foreach (var step in curriculum.StepsAfter(trained))
        {
            bool first = steps == 0;
            // Every difficulty of a step is measured (a step passes only when all do), even after one fails, so the ledger shows the whole step.
            var passed = step.Select(probe.Accuracy).ToList().All(a => a >= threshold);
            if (first || passed) chosen.AddRange(step);
            steps++;
            if (!passed || steps == maxSteps) break;
        }
        return chosen.Count == 0 ? null : chosen;
    }
}
