using NUnit.Framework;
using Runner.Core.Specs;

namespace Runner.Tests.Specs;

public class SpecDefaultsTests : SpecFileTests
{
    [Test]
    public void AlmostEmptySpec_GetsTheMethodDefaults()
    {
        var spec = LoadOk("""
            name: demo
            task:
              kind: reverse_addition
            """);

        var s = spec.Arms.Single().Spec;
        Assert.Multiple(() =>
        {
            Assert.That(spec.Arms[0].Name, Is.EqualTo("main"));
            Assert.That(s.Task.D0, Is.EqualTo(new RangeSpec { Min = 1, Max = 10 }));
            Assert.That(s.Model, Is.EqualTo(new ModelSpec
            {
                Layers = 6, Heads = 6, DModel = 384, Ffn = 1536, PositionalEncoding = "none", Context = 1024,
            }));
            Assert.That(s.Training.Batch, Is.EqualTo(1024));
            Assert.That(s.Training.PeakLr, Is.EqualTo(5e-4));
            Assert.That(s.Training.Round0, Is.EqualTo(new PhaseSpec { Warmup = 1000, Stable = 7000, Decay = 2000 }));
            Assert.That(s.Training.Rounds, Is.EqualTo(new PhaseSpec { Warmup = 0, Stable = 500, Decay = 500 }));
            Assert.That(s.Training.Adamw, Is.EqualTo(new AdamWSpec { Beta1 = 0.9, Beta2 = 0.98, Eps = 1e-12, WeightDecay = 0.01 }));
            Assert.That(s.SelfImprove.Rounds, Is.EqualTo(10));
            Assert.That(s.SelfImprove.Filters, Is.Empty);
            Assert.That(s.Eval.Solved, Is.EqualTo(0.99));
            Assert.That(s.Seeds, Is.EqualTo(new[] { 41 }));
            Assert.That(s.Device, Is.EqualTo("auto"));
        });
    }

    [Test]
    public void PartlyWrittenRecord_KeepsTheDefaultsItsParentDeclares()
    {
        // PhaseSpec's own defaults are zeros; round0's are 1000/7000/2000 and must survive.
        var spec = LoadOk("""
            name: demo
            task:
              kind: copy
            training:
              round0:
                warmup: 10
                peak_lr: 0.002
            """);

        Assert.That(spec.Base.Training.Round0,
            Is.EqualTo(new PhaseSpec { Warmup = 10, Stable = 7000, Decay = 2000, PeakLr = 0.002 }));
    }

    [Test]
    public void ListItems_StartFromTheirTypesDefaults()
    {
        var spec = LoadOk("""
            name: demo
            task:
              kind: copy
            self_improve:
              filters:
                - kind: length
                - kind: length
                  rule: batch
                  k: 3
            """);

        Assert.That(spec.Base.SelfImprove.Filters, Is.EqualTo(new[]
        {
            new FilterSpec { Kind = "length", Rule = "expected", K = 1 },
            new FilterSpec { Kind = "length", Rule = "batch", K = 3 },
        }));
    }
}
