using System.Globalization;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Core.Schedules;

/// <summary>The spec lists the difficulties of every round; round r labels entry r-1.</summary>
public sealed class ExplicitSchedule(IReadOnlyList<IReadOnlyList<Difficulty>> rounds) : IDifficultySchedule
{
    public IReadOnlyList<Difficulty>? Next(int round, IReadOnlySet<Difficulty> trained, IAccuracyProbe probe) =>
        round - 1 < rounds.Count ? rounds[round - 1] : null;
}

/// <summary>{kind: explicit, difficulties}: the spec lists each round's difficulties.</summary>
public sealed class ExplicitScheduleKind : ScheduleKind
{
    public override string Name => "explicit";
    public override IReadOnlyList<string> Keys => ["difficulties"];

    public override void Validate(ScheduleSpec schedule, string path, SpecChecks checks, SpecContext context)
    {
        int rounds = context.Spec.SelfImprove.Rounds;
        checks.Check(schedule.Difficulties.Count >= rounds, $"{path}.difficulties",
            string.Create(CultureInfo.InvariantCulture, $"lists {schedule.Difficulties.Count} rounds, but self_improve.rounds is {rounds}"));
        var task = context.Task;
        for (var i = 0; i < schedule.Difficulties.Count; i++)
        {
            var entry = schedule.Difficulties[i];
            var parsed = entry.Split(',').Select(context.DifficultyOf).ToList();
            checks.Check(entry.Length > 0 && parsed.All(d => d is not null), $"{path}.difficulties[{i}]",
                $"'{entry}' is not a comma-separated list of {task?.Kind ?? "task"} difficulties (like {(task is { PairDifficulties: true } ? "1x6,6x1" : "11 or 11,12")})");
            if (task is not null && parsed.All(d => d is not null))
                checks.Check(parsed.All(d => d!.Value.A >= task.MinDifficulty && d.Value.A <= task.MaxDifficulty), $"{path}.difficulties[{i}]",
                    task.MaxDifficulty == int.MaxValue
                        ? string.Create(CultureInfo.InvariantCulture, $"'{entry}': a {task.Kind} difficulty must be at least {task.MinDifficulty}")
                        : string.Create(CultureInfo.InvariantCulture, $"'{entry}': a {task.Kind} difficulty must be {task.MinDifficulty}..{task.MaxDifficulty}"));
        }
    }

    public override IDifficultySchedule Create(ScheduleSpec schedule, ITask task, int d0Max) =>
        new ExplicitSchedule(schedule.Difficulties.Select(Difficulty.ParseList).ToList());

    public override string Describe(ScheduleSpec schedule) => $"explicit({string.Join("; ", schedule.Difficulties)})";
}
