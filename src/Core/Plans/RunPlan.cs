using Runner.Core.Specs;

namespace Runner.Core.Plans;

/// <summary>One arm x seed of a spec: the unit that trains one model and writes one run to the ledger.</summary>
public sealed record RunPlan(string SpecName, string ArmName, Spec Spec, int Seed)
{
    /// <summary>Every arm x seed of a loaded spec, arms in file order, seeds in spec order.</summary>
    public static IReadOnlyList<RunPlan> For(LoadedSpec loaded) =>
        loaded.Arms.SelectMany(arm => arm.Spec.Seeds.Select(seed => new RunPlan(arm.Spec.Name, arm.Name, arm.Spec, seed))).ToList();

    public long TotalSteps => Spec.Training.Round0.Steps + (long)Spec.SelfImprove.Rounds * Spec.Training.Rounds.Steps;
}
