using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Core.Schedules;

/// <summary>
/// A schedule kind a spec may name in self_improve.schedule, declared by the schedule's own
/// file: its name and keys (<see cref="ISpecKind{TSection}"/>), its checks, how it is built,
/// how the ledger names it, and what planning and the data mixture need to know of it.
/// </summary>
public abstract class ScheduleKind : ISpecKind<ScheduleSpec>
{
    public abstract string Name { get; }

    public virtual IReadOnlyList<string> Keys => [];

    public virtual void Validate(ScheduleSpec schedule, string path, SpecChecks checks, SpecContext context) { }

    public abstract IDifficultySchedule Create(ScheduleSpec schedule, ITask task, int d0Max);

    /// <summary>The schedule as the ledger's runs table records it.</summary>
    public virtual string Describe(ScheduleSpec schedule) => Name;

    /// <summary>Whether each round is decided on the day by measuring the model: a plan cannot walk such a schedule ahead.</summary>
    public virtual bool Measures => false;

    /// <summary>
    /// Whether a round may stand for several curriculum steps, so the data mixture weighs an older
    /// round by its difficulties (<see cref="ITask.RoundWeight"/>) rather than as one.
    /// </summary>
    public virtual bool WeighsRoundsByDifficulties => true;
}
