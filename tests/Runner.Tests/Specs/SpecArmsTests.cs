using NUnit.Framework;
using Runner.Core.Specs;

namespace Runner.Tests.Specs;

public class SpecArmsTests : SpecFileTests
{
    const string Base = """
        name: demo
        task:
          kind: copy
        model:
          layers: 4
          heads: 4
          d_model: 128
        seeds: [1, 2, 3]

        """;

    [Test]
    public void NoArms_GivesOneArmNamedMain_EqualToTheBase()
    {
        var spec = LoadOk(Base);

        Assert.That(spec.Arms.Select(a => a.Name), Is.EqualTo(new[] { "main" }));
        Assert.That(SpecCanonical.ToCanonicalYaml(spec.Arms[0].Spec), Is.EqualTo(SpecCanonical.ToCanonicalYaml(spec.Base)));
    }

    [Test]
    public void ArmOverride_ChangesOnlyWhatItNames()
    {
        var spec = LoadOk(Base + """
            arms:
              - name: shallow
                model:
                  layers: 2
              - name: fast
                training:
                  peak_lr: 0.001
                seeds: [7]
            """);

        var b = spec.Base;
        Assert.That(spec.Arms.Select(a => a.Name), Is.EqualTo(new[] { "shallow", "fast" }));
        Assert.That(b.Model.Layers, Is.EqualTo(4), "the base is the file without its arms");
        Assert.That(Canonical(spec.Arms[0].Spec), Is.EqualTo(Canonical(b with { Model = b.Model with { Layers = 2 } })));
        // Mappings merge key by key; a list (seeds) is replaced whole.
        Assert.That(Canonical(spec.Arms[1].Spec),
            Is.EqualTo(Canonical(b with { Training = b.Training with { PeakLr = 0.001 }, Seeds = [7] })));
    }

    [Test]
    public void ArmsMaySetWhatTheBaseLeavesOut()
    {
        var spec = LoadOk("""
            name: demo
            arms:
              - name: copy
                task:
                  kind: copy
              - name: reverse
                task:
                  kind: reverse
            """);

        Assert.That(spec.Arms.Select(a => a.Spec.Task.Kind), Is.EqualTo(new[] { "copy", "reverse" }));
    }

    [Test]
    public void ErrorInsideAnArm_PointsAtTheArmsOwnLine()
    {
        var errors = ErrorsOf(Base + """
            arms:
              - name: a
              - name: b
                model:
                  layers: 0
                  heds: 2
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{file}:13:7: arms[1].model.layers: must be at least 1 (got 0)",
            $"{file}:14:7: arms[1].model.heds: unknown key (did you mean 'heads'?)",
        }));
    }

    [Test]
    public void ErrorInTheBase_IsReportedOnce_NotOncePerArm()
    {
        var errors = ErrorsOf(Base + """
            training:
              batch: 0
            arms:
              - name: a
              - name: b
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[] { $"{file}:10:3: training.batch: must be at least 1 (got 0)" }));
    }

    [Test]
    public void ArmNames_MustBePresentWellFormedAndUnique()
    {
        var errors = ErrorsOf(Base + """
            arms:
              - name: a
              - model:
                  layers: 2
              - name: Big One
              - name: a
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{file}:11:5: arms[1]: missing required key 'name'",
            $"{file}:13:5: arms[2].name: must match [a-z0-9_-]+ (got 'Big One')",
            $"{file}:14:5: arms[3].name: duplicate arm name 'a' (also arms[0])",
        }));
    }

    static string Canonical(Spec spec) => SpecCanonical.ToCanonicalYaml(spec);

    [Test]
    public void ArmMappingMergesIntoABaseWrittenAsShorthand()
    {
        var spec = LoadOk(Base + """
            self_improve:
              schedule: accelerated
              noise: digits-drop
            arms:
              - name: strict
                self_improve:
                  schedule: {threshold: 0.9}
                  noise: {fraction: 0.5, round: 1}
            """);

        var arm = spec.Arms[0].Spec.SelfImprove;
        Assert.That((arm.Schedule.Kind, arm.Schedule.Threshold), Is.EqualTo(("accelerated", 0.9)));
        Assert.That((arm.Noise!.Kind, arm.Noise.Fraction), Is.EqualTo(("digits-drop", 0.5)));
    }

    [Test]
    public void ArmsMustShareOneDevice()
    {
        var errors = ErrorsOf(Base + """
            device: cpu
            arms:
              - name: a
              - name: b
                device: cuda
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{file}:13:5: arms[1].device: every arm must run with the same device (arm 'a' uses 'cpu', this one 'cuda'); split the arms into two specs",
        }));
    }

    [Test]
    public void ArmsMustShareOneNumericsMode()
    {
        var errors = ErrorsOf(Base + """
            arms:
              - name: a
              - name: b
                numerics: fast
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{file}:12:5: arms[1].numerics: every arm must run with the same numerics (arm 'a' uses 'portable', this one 'fast'); split the arms into two specs",
        }));
    }

    [Test]
    public void ABaseRuleThatOnlySomeArmsBreakNamesThoseArms()
    {
        var errors = ErrorsOf("""
            name: demo
            task: {kind: copy}
            self_improve:
              filters: [{kind: length}]
            arms:
              - name: copy
              - name: maze
                task: {kind: maze_hops}
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{file}:4:13: self_improve.filters[0].rule: 'expected' needs a prompt that tells the answer's length, and maze_hops's does not; use rule 'batch' (with k) (in arm 'maze')",
        }));
    }
}
