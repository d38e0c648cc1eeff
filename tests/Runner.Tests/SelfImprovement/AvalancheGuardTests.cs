using NUnit.Framework;
using Runner.Core.Plans;
using Runner.Core.Specs;
using Runner.Engine.SelfImprovement;

namespace Runner.Tests.SelfImprovement;

/// <summary>Which collapsed round the guard stops on, and what it says.</summary>
public class AvalancheGuardTests
{
    [Test]
    public void EachFloorTripsWithItsOwnReason()
    {
        var guard = new AvalancheGuard(new AvalancheSpec { MinKeptFraction = 0.2, MinAgreement = 0.5, MinConfidence = 0.9 });

        Assert.That(guard.Trips(keptFraction: 0.1, agreement: 1, confidence: 1), Is.EqualTo("kept 10.0 % of labels < min_kept_fraction 20 %"));
        Assert.That(guard.Trips(keptFraction: 1, agreement: 0.4, confidence: 1), Is.EqualTo("models agree on 40.0 % < min_agreement 50 %"));
        Assert.That(guard.Trips(keptFraction: 1, agreement: 1, confidence: 0.853), Is.EqualTo("confidence in kept labels 85.3 % < min_confidence 90 %"));
        Assert.That(guard.Trips(keptFraction: 1, agreement: 1, confidence: 0.9), Is.Null, "at the floor is not below it");
    }

    [Test]
    public void NoGuardOrNoKeptLabelNeverTripsOnConfidence()
    {
        Assert.That(new AvalancheGuard(null).Trips(0, 0, 0), Is.Null);
        Assert.That(new AvalancheGuard(new AvalancheSpec { MinConfidence = 0.9 }).Trips(0, 1, double.NaN), Is.Null,
            "no kept label has no confidence to judge; min_kept_fraction is the floor for that");
    }
}
