using NUnit.Framework;
using Runner.Core.Specs;

namespace Runner.Tests.Specs;

/// <summary>The keys of the whole method: filters, schedules, noise and stop rules, and what the validator says of them.</summary>
public class SpecMethodKeysTests : SpecFileTests
{
    [Test]
    public void EverySectionBindsWithItsKeys()
    {
        var spec = SpecLoader.Parse("""
            name: full
            task: {kind: multiplication, d0: {min: 1, max: 5}}
            self_improve:
              labels_per: difficulty
              schedule: {kind: accelerated, threshold: 0.9, probe_examples: 256, measure: agreement, max_steps: 3}
              filters:
                - {kind: majority, models: 5, threshold: 0.9}
                - {kind: length, rule: batch, k: 1}
              noise: {round: 5, fraction: 0.2, kind: digits-drop}
              stop:
                target: 10x10
                avalanche: {min_kept_fraction: 0.2, min_agreement: 0.5, action: rollback}
            """, "full.yaml").Base;

        var self = spec.SelfImprove;
        Assert.That((self.Schedule.Kind, self.Schedule.Threshold, self.Schedule.ProbeExamples, self.Schedule.Measure, self.Schedule.MaxSteps),
            Is.EqualTo(("accelerated", 0.9, 256, "agreement", (int?)3)));
        Assert.That(self.Filters[0], Is.EqualTo(new FilterSpec { Kind = "majority", Models = 5, Threshold = 0.9 }));
        Assert.That(self.Noise, Is.EqualTo(new NoiseSpec { Round = 5, Fraction = 0.2, Kind = "digits-drop" }));
        Assert.That(self.Stop.Target, Is.EqualTo("10x10"));
        Assert.That(self.Stop.Avalanche, Is.EqualTo(new AvalancheSpec { MinKeptFraction = 0.2, MinAgreement = 0.5, Action = "rollback" }));
        Assert.That(self.LabelsPer, Is.EqualTo("difficulty"));
        var canonical = SpecCanonical.ToCanonicalYaml(spec);
        Assert.That(SpecCanonical.ToCanonicalYaml(SpecLoader.Parse(canonical, "canonical.yaml").Base), Is.EqualTo(canonical), "the canonical form loads back the same");
    }

    [Test]
    public void AKindAloneIsShorthandForItsSection()
    {
        var spec = SpecLoader.Parse("""
            name: short
            task: {kind: copy}
            self_improve:
              schedule: accelerated
              filters: [oracle]
            """, "short.yaml").Base;

        Assert.That((spec.SelfImprove.Schedule.Kind, spec.SelfImprove.Schedule.Measure), Is.EqualTo(("accelerated", "true_labels")));
        Assert.That(spec.SelfImprove.Filters, Is.EqualTo(new[] { new FilterSpec { Kind = "oracle" } }));
        Assert.That(spec.SelfImprove.Noise, Is.Null);
        Assert.That(spec.SelfImprove.Stop.Avalanche, Is.Null);
    }

    [Test]
    public void MethodMistakesAreEachOneLineAtTheirKey()
    {
        var errors = ErrorsOf("""
            name: wrong
            task: {kind: copy}
            self_improve:
              rounds: 3
              schedule: {kind: accelerated, probe_examples: 0}
              filters:
                - {kind: majority, models: 1, threshold: 1.5}
                - {kind: majorty}
              noise: {round: 9, kind: flip}
              stop:
                target: 5x5
                avalanche: {action: retry, min_confidence: 1.2}
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{file}:5:33: self_improve.schedule.probe_examples: must be at least 1 (got 0)",
            $"{file}:7:24: self_improve.filters[0].models: must be at least 2 (got 1)",
            $"{file}:7:35: self_improve.filters[0].threshold: must be greater than 0 and at most 1 (got 1.5)",
            $"{file}:8:8: self_improve.filters[1].kind: unknown value 'majorty' (did you mean 'majority'?)",
            $"{file}:9:11: self_improve.noise.round: must be at most 3 (got 9)",
            $"{file}:9:21: self_improve.noise.kind: unknown value 'flip' (expected one of: official-uniform, official-drop, official-perturb, official-drop-perturb, digits-random, digits-drop, digits-perturb, digits-both)",
            $"{file}:11:5: self_improve.stop.target: '5x5' is not a difficulty of copy (expected a number)",
            $"{file}:12:17: self_improve.stop.avalanche.action: unknown value 'retry' (expected one of: stop, rollback)",
            $"{file}:12:32: self_improve.stop.avalanche.min_confidence: must be between 0 and 1 (got 1.2)",
        }));
    }

    [Test]
    public void ExplicitScheduleNeedsARoundForEveryRoundAndTheTasksShape()
    {
        var errors = ErrorsOf("""
            name: explicit
            task: {kind: multiplication, d0: {min: 1, max: 5}}
            self_improve:
              rounds: 3
              schedule:
                kind: explicit
                difficulties: ["1x6,6x1", "7"]
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{file}:7:5: self_improve.schedule.difficulties: lists 2 rounds, but self_improve.rounds is 3",
            $"{file}:7:31: self_improve.schedule.difficulties[1]: '7' is not a comma-separated list of multiplication difficulties (like 1x6,6x1)",
        }));
    }

    [Test]
    public void AgreementNeedsTheModelsOfAMajorityVote()
    {
        var errors = ErrorsOf("""
            name: agree
            task: {kind: copy}
            self_improve:
              schedule: {kind: accelerated, measure: agreement}
              stop: {avalanche: {min_agreement: 0.5}}
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{file}:4:33: self_improve.schedule.measure: 'agreement' needs a majority filter: it is the share of inputs its models agree on",
            $"{file}:5:22: self_improve.stop.avalanche.min_agreement: needs a majority filter: agreement is among its models",
        }));
    }
}
