using Runner.Core.Tasks;

namespace Runner.Core.Specs;

/// <summary>
/// A kind a spec section names with <c>kind:</c> (a filter, a schedule), declared once by the
/// component itself: its name, the section's keys it reads (their defaults are the section
/// record's), its checks, and (in the component's own base class) how it is built. The
/// validator walks these declarations; it knows no kind by name.
/// </summary>
public interface ISpecKind<TSection>
{
    string Name { get; }

    /// <summary>The section's keys this kind reads besides kind, as the spec writes them ("rule", "k").</summary>
    IReadOnlyList<string> Keys { get; }

    /// <summary>Checks the keys this kind reads; <paramref name="path"/> is the section's key path ("self_improve.filters[1]").</summary>
    void Validate(TSection section, string path, SpecChecks checks, SpecContext context) { }
}

/// <summary>What a kind's checks may need of the rest of the spec: the spec, its task when task.kind is valid, and the declared kinds.</summary>
public sealed record SpecContext(Spec Spec, ITask? Task, SpecKinds Kinds)
{
    /// <summary>How many models the spec's filters make a run train (a majority vote's; else one).</summary>
    public int Models => Kinds.Models(Spec.SelfImprove.Filters);

    /// <summary>The difficulty a spec writes, when it has the task's shape: a pair ("5x6") for a pair task, a number otherwise.</summary>
    public Difficulty? DifficultyOf(string text) =>
        Difficulty.TryParse(text) is { } d && (Task is null || d.IsPair == Task.PairDifficulties) ? d : null;
}
