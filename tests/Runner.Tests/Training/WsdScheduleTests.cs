using NUnit.Framework;
using Runner.Core.Training;
using Runner.Engine.Training;

namespace Runner.Tests.Training;

public class WsdScheduleTests
{
    [Test]
    public void WarmsUpLinearlyThenHoldsPeakThenDecaysToFinalFraction()
    {
        var schedule = new WsdSchedule(Warmup: 4, Stable: 3, Decay: 4, PeakLr: 2e-3, FinalFraction: 0.1);
        var rates = Enumerable.Range(0, schedule.Steps).Select(schedule.LearningRate).ToArray();

        Assert.That(schedule.Steps, Is.EqualTo(11));
        Assert.That(rates[..4], Is.EqualTo(new[] { 0.5e-3, 1e-3, 1.5e-3, 2e-3 }).Within(1e-15));
        Assert.That(rates[4..7], Is.EqualTo(new[] { 2e-3, 2e-3, 2e-3 }));
        // Cosine: final + (peak - final)/2 * (1 + cos(pi * k/4)), k = 1..4.
        double final = 2e-4, peak = 2e-3;
        var cosine = Enumerable.Range(1, 4).Select(k => final + (peak - final) * 0.5 * (1 + Math.Cos(Math.PI * k / 4))).ToArray();
        Assert.That(rates[7..], Is.EqualTo(cosine).Within(1e-15));
        Assert.That(rates[8], Is.EqualTo((peak + final) / 2).Within(1e-15), "midpoint of the decay");
        Assert.That(rates[^1], Is.EqualTo(peak * 0.1), "the last step ends exactly at peak * final fraction");
        for (int i = 7; i < rates.Length; i++) Assert.That(rates[i], Is.LessThan(rates[i - 1]));
    }

    [Test]
    public void RoundPhaseWithoutWarmupStartsAtPeak()
    {
        var schedule = new WsdSchedule(Warmup: 0, Stable: 0, Decay: 500, PeakLr: 5e-4, FinalFraction: 0.01);

        Assert.That(schedule.LearningRate(0), Is.LessThan(5e-4).And.GreaterThan(4.99e-4));
        Assert.That(schedule.LearningRate(249), Is.EqualTo((5e-4 + 5e-6) / 2).Within(1e-15));
        Assert.That(schedule.LearningRate(499), Is.EqualTo(5e-6).Within(1e-18));
    }

    // The paper's maze hops rounds (experiments/run_maze_hops_vanilla.sh): 500 warm-up, 3,000 flat,
    // 1,000 decay, then the last 500 steps at 1% of the peak.
    [Test]
    public void FloorHoldsTheFinalRateAfterTheDecay()
    {
        var schedule = new WsdSchedule(Warmup: 500, Stable: 3000, Decay: 1000, PeakLr: 2e-4, FinalFraction: 0.01, Floor: 500);
        var rates = Enumerable.Range(0, schedule.Steps).Select(schedule.LearningRate).ToArray();

        Assert.That(schedule.Steps, Is.EqualTo(5000));
        Assert.That(rates[499], Is.EqualTo(2e-4));
        Assert.That(rates[3499], Is.EqualTo(2e-4));
        Assert.That(rates[3500], Is.LessThan(2e-4).And.GreaterThan(2e-6));
        Assert.That(rates[4499], Is.EqualTo(2e-6).Within(1e-18), "the decay ends at the final rate");
        Assert.That(rates[4500..], Is.All.EqualTo(rates[4499]), "and the floor holds it");
        Assert.That(new WsdSchedule(0, 0, 0, 1e-3, 0.01, Floor: 3).LearningRate(0), Is.EqualTo(1e-5).Within(1e-18), "a floor without decay is at the final rate");
    }

    [Test]
    public void StableOnlyPhaseIsFlat()
    {
        var schedule = new WsdSchedule(0, 5, 0, 1e-3, 0.01);
        Assert.That(Enumerable.Range(0, 5).Select(schedule.LearningRate), Is.All.EqualTo(1e-3));
    }
}
