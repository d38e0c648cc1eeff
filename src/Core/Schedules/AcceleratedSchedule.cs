using System.Globalization;
using Runner.Core.Specs;
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

/// <summary>{kind: accelerated, threshold, probe_examples, measure, max_steps}: rounds decided by measuring the model.</summary>
public sealed class AcceleratedScheduleKind : ScheduleKind
{
    static readonly string[] MeasureNames = ["true_labels", "agreement"];

    public override string Name => "accelerated";
    public override IReadOnlyList<string> Keys => ["threshold", "probe_examples", "measure", "max_steps"];
    public override bool Measures => true;

    public override void Validate(ScheduleSpec schedule, string path, SpecChecks checks, SpecContext context)
    {
        checks.AboveZeroAtMostOne(schedule.Threshold, $"{path}.threshold");
        checks.AtLeast(schedule.ProbeExamples, 1, $"{path}.probe_examples");
        checks.OneOf(schedule.Measure, MeasureNames, $"{path}.measure");
        if (schedule.Measure == "agreement")
            checks.Check(context.Kinds.Vote(context.Spec.SelfImprove.Filters) is not null, $"{path}.measure",
                "'agreement' needs a majority filter: it is the share of inputs its models agree on");
        if (schedule.MaxSteps is int max) checks.AtLeast(max, 1, $"{path}.max_steps");
    }

    public override IDifficultySchedule Create(ScheduleSpec schedule, ITask task, int d0Max) =>
        new AcceleratedSchedule(new Curriculum(task, d0Max), schedule.Threshold, schedule.MaxSteps);

    public override string Describe(ScheduleSpec schedule) => string.Create(CultureInfo.InvariantCulture,
        $"accelerated({schedule.Measure}>={schedule.Threshold}, {schedule.ProbeExamples} inputs{(schedule.MaxSteps is int m ? $", at most {m} steps" : "")})");
}
