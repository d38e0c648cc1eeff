using Runner.Core.Filters;
using Runner.Core.Noise;
using Runner.Core.Schedules;

namespace Runner.Core.Specs;

/// <summary>
/// Every filter, schedule and noise kind a spec may name, each declared once by its component;
/// the validator, the loop and the plan look kinds up here and nowhere else. Task kinds are
/// <see cref="Tasks.TaskCatalog"/>'s. <see cref="With(FilterKind)"/> adds a kind of one's own.
/// </summary>
public sealed record SpecKinds(IReadOnlyList<FilterKind> Filters, IReadOnlyList<ScheduleKind> Schedules, IReadOnlyList<NoiseKind> Noises)
{
    /// <summary>The kinds Runner ships, in the order error messages list them.</summary>
    public static readonly SpecKinds Builtin = new(
        [new LengthFilterKind(), new MajorityFilterKind(), new ConfidenceFilterKind(), new OracleFilterKind(), new EndedFilterKind()],
        [new UniformScheduleKind(), new AcceleratedScheduleKind(), new ExplicitScheduleKind()],
        LabelCorruption.Kinds);

    public SpecKinds With(FilterKind filter) => this with { Filters = [.. Filters, filter] };

    public FilterKind Filter(string name) =>
        Filters.FirstOrDefault(f => f.Name == name) ?? throw new ArgumentException($"unknown filter kind '{name}' (expected one of: {string.Join(", ", Filters.Select(f => f.Name))})");

    public ScheduleKind Schedule(string name) =>
        Schedules.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"unknown schedule '{name}' (expected one of: {string.Join(", ", Schedules.Select(s => s.Name))})");

    public NoiseKind Noise(string name) =>
        Noises.FirstOrDefault(n => n.Name == name) ?? throw new ArgumentException($"unknown corruption '{name}' (expected one of: {string.Join(", ", Noises.Select(n => n.Name))})");

    /// <summary>The spec's voting filter (a majority vote), if it has one.</summary>
    public FilterSpec? Vote(IEnumerable<FilterSpec> filters) =>
        filters.FirstOrDefault(f => Filters.FirstOrDefault(k => k.Name == f.Kind) is { Votes: true });

    /// <summary>How many models a run trains: its voting filter's voters, else one.</summary>
    public int Models(IEnumerable<FilterSpec> filters) => Vote(filters) is { } vote ? Filter(vote.Kind).Voters(vote) : 1;
}
