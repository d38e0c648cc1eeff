using System.Globalization;
using Runner.Core.Specs;

namespace Runner.Core.Plans;

/// <summary>
/// Watches each round's labels for an error avalanche (the paper's filters): when the share of
/// labels the filters keep, the models' agreement on them, or their confidence in the labels
/// they kept (the one signal a single model has without ground truth) collapses below the spec's floor,
/// the round is not trained on and the run ends.
/// </summary>
public sealed class AvalancheGuard(AvalancheSpec? spec)
{
    /// <summary>Why this round's labels look collapsed, or null when they do not (or there is no guard).</summary>
    public string? Trips(double keptFraction, double agreement, double confidence)
    {
        if (spec is null) return null;
        if (keptFraction < spec.MinKeptFraction)
            return string.Create(CultureInfo.InvariantCulture, $"kept {keptFraction:P1} of labels < min_kept_fraction {spec.MinKeptFraction:P0}");
        if (agreement < spec.MinAgreement)
            return string.Create(CultureInfo.InvariantCulture, $"models agree on {agreement:P1} < min_agreement {spec.MinAgreement:P0}");
        // No kept label (NaN) already tripped min_kept_fraction if it is set; confidence says nothing then.
        if (confidence < spec.MinConfidence)
            return string.Create(CultureInfo.InvariantCulture, $"confidence in kept labels {confidence:P1} < min_confidence {spec.MinConfidence:P0}");
        return null;
    }

    public bool RollsBack => spec?.Action == "rollback";

    /// <summary>
    /// How round <paramref name="round"/>'s labels end the run, if they trip the guard: at the
    /// previous round, or with action rollback two rounds back (the previous round's model
    /// labelled the collapsed round); <see cref="StopReason.None"/> when they do not.
    /// </summary>
    public StopReason Check(int round, double keptFraction, double agreement, double confidence) =>
        Trips(keptFraction, agreement, confidence) is not { } collapse ? StopReason.None
        : RollsBack ? StopReason.RolledBack(Math.Max(0, round - 2), collapse)
        : StopReason.Avalanche(collapse);
}
