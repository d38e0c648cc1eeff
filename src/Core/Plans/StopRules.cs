using Runner.Core.Model;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Core.Plans;

/// <summary>
/// The stop rules that need no labels, as the loop applies them round by round; the plan's
/// forecast asks the same object, so the two cannot disagree. The avalanche guard, which reads
/// a round's labels, is <see cref="AvalancheGuard"/>.
/// </summary>
public sealed class StopRules(Spec spec, ITask task)
{
    readonly Difficulty? target = spec.SelfImprove.Stop.Target is { Length: > 0 } t ? Difficulty.Parse(t) : null;

    /// <summary>Round 0 ends the run when the spec has no self-improvement rounds.</summary>
    public StopReason AfterRoundZero => spec.SelfImprove.Rounds == 0 ? StopReason.MaxRound : StopReason.None;

    /// <summary>
    /// Whether the round the schedule chose can run: the schedule had nothing left
    /// (<paramref name="difficulties"/> null: curriculum_end), or a difficulty's examples would not
    /// fit in model.context (context); else none.
    /// </summary>
    public StopReason BeforeLabelling(IReadOnlyList<Difficulty>? difficulties)
    {
        if (difficulties is null) return StopReason.CurriculumEnd;
        foreach (var difficulty in difficulties)
            if (!SequenceLength.Fits(task, difficulty, spec.Model.Context))
                return StopReason.Context(difficulty, SequenceLength.Of(task, difficulty), spec.Model.Context);
        return StopReason.None;
    }

    /// <summary>After round <paramref name="round"/> trained on its labels: the target when it labelled it, else max_round at the last round.</summary>
    public StopReason AfterTraining(int round, IReadOnlyList<Difficulty> difficulties) =>
        target is { } t && difficulties.Contains(t) ? StopReason.Target(t)
        : round == spec.SelfImprove.Rounds ? StopReason.MaxRound
        : StopReason.None;

    /// <summary>The target, when the spec names one.</summary>
    public Difficulty? Target => target;
}
