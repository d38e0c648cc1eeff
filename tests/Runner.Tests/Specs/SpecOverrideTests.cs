using NUnit.Framework;
using Runner.Core.Specs;

namespace Runner.Tests.Specs;

/// <summary>`--set key.path=value`: one run with a key changed, validated as if the file said it.</summary>
public class SpecOverrideTests : SpecFileTests
{
    const string Spec = """
        name: demo
        task: {kind: copy, d0: {min: 1, max: 4}}
        model: {layers: 2, heads: 2, d_model: 32, ffn: 64, context: 32}
        training: {batch: 16}
        self_improve: {schedule: uniform}
        eval: {to: 9}
        seeds: [1, 2, 3]
        arms:
          - name: si
          - name: small
            training: {batch: 8}
            seeds: [4]
        """;

    LoadedSpec Load(params string[] overrides)
    {
        var path = Write(Spec);
        Assert.That(SpecLoader.TryLoad(path, overrides, out var spec, out var errors), Is.True, () => string.Join("\n", errors));
        return spec!;
    }

    List<string> Errors(params string[] overrides)
    {
        var path = Write(Spec);
        Assert.That(SpecLoader.TryLoad(path, overrides, out _, out var errors), Is.False, "the overrides should be refused");
        return errors.Select(e => e.ToString().Replace(path, "x.yaml")).ToList();
    }

    [Test]
    public void AnOverrideIsAnEditOfTheBase_WhichArmsInheritUnlessTheySetTheKeyThemselves()
    {
        var spec = Load("training.batch=64", "seeds=[9]");

        Assert.That(spec.Base.Training.Batch, Is.EqualTo(64));
        Assert.That(spec.Arms.Select(a => a.Spec.Training.Batch), Is.EqualTo(new[] { 64, 8 }), "arm small sets its own batch");
        Assert.That(spec.Arms.Select(a => a.Spec.Seeds), Is.EqualTo(new[] { new[] { 9 }, new[] { 4 } }), "and its own seeds");
    }

    [Test]
    public void ArmsNameKeysSetThatArmOnly_OverItsOwnOverride()
    {
        var spec = Load("arms.small.training.batch=4", "arms.si.seeds=[5, 6]", "arms.si.model.layers=1");

        Assert.That(spec.Arms.Select(a => a.Spec.Training.Batch), Is.EqualTo(new[] { 16, 4 }));
        Assert.That(spec.Arms.Select(a => a.Spec.Seeds), Is.EqualTo(new[] { new[] { 5, 6 }, new[] { 4 } }));
        Assert.That(spec.Arms.Select(a => a.Spec.Model.Layers), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(spec.Base.Model.Layers, Is.EqualTo(2));
    }

    [Test]
    public void ASpecWithoutArmsHasOneArmNamedMain()
    {
        var path = Write("name: one\ntask: {kind: copy}\n");
        Assert.That(SpecLoader.TryLoad(path, ["arms.main.seeds=[3]"], out var spec, out var errors), Is.True, () => string.Join("\n", errors));
        Assert.That(spec!.Arms.Single().Spec.Seeds, Is.EqualTo(new[] { 3 }));
    }

    [Test]
    public void AnOverrideChangesOnlyItsKey_AndTheResolvedSpecShowsIt()
    {
        var plain = Load();
        var set = Load("training.round0.stable=5");

        for (int arm = 0; arm < 2; arm++)
        {
            var before = plain.Arms[arm].Spec;
            var expected = before with { Training = before.Training with { Round0 = before.Training.Round0 with { Stable = 5 } } };
            Assert.That(SpecCanonical.ToCanonicalYaml(set.Arms[arm].Spec), Is.EqualTo(SpecCanonical.ToCanonicalYaml(expected)));
        }
        // The runs row records this canonical text and the run key hashes it: an overridden run is not the file's run.
        Assert.That(SpecCanonical.ToCanonicalYaml(set.Arms[0].Spec), Does.Contain("stable: 5"));
        Assert.That(SpecCanonical.Hash(set.Arms[0].Spec), Is.Not.EqualTo(SpecCanonical.Hash(plain.Arms[0].Spec)));
    }

    [Test]
    public void LaterOverridesOfOneKeyWin_AndValuesAreYaml()
    {
        var spec = Load("training.batch=32", "training.batch=4", "self_improve.schedule={kind: explicit, difficulties: [\"5\", \"6,7\"]}", "eval.to=", "self_improve.rounds=2");

        Assert.That(spec.Arms[0].Spec.Training.Batch, Is.EqualTo(4));
        Assert.That(spec.Arms[0].Spec.SelfImprove.Schedule.Kind, Is.EqualTo("explicit"));
        Assert.That(spec.Arms[0].Spec.SelfImprove.Schedule.Difficulties, Is.EqualTo(new[] { "5", "6,7" }));
        Assert.That(spec.Arms[0].Spec.Eval.To, Is.Null, "nothing after '=' is YAML's null: the file's eval.to: 9 is gone");
    }

    [Test]
    public void AKeyInsideAShorthandSectionMergesWithIt()
    {
        // `schedule: uniform` is {kind: uniform}: setting one of its keys keeps the kind.
        var spec = Load("self_improve.schedule.kind=accelerated", "self_improve.schedule.threshold=0.9");

        Assert.That(spec.Arms[0].Spec.SelfImprove.Schedule.Kind, Is.EqualTo("accelerated"));
        Assert.That(spec.Arms[0].Spec.SelfImprove.Schedule.Threshold, Is.EqualTo(0.9));
    }

    [Test]
    public void ABadValueIsReportedOnce_NamingTheFlagAndTheKey()
    {
        Assert.That(Errors("training.batch=abc"), Is.EqualTo(new[]
        {
            "x.yaml: --set training.batch=abc: training.batch: expected an integer (got 'abc')",
        }));
    }

    [Test]
    public void AValueTheValidatorRefuses_UnknownKeys_AndMalformedFlags_AreAllReportedFirst()
    {
        var errors = Errors("training.batch=0", "trainig.batch=8", "seeds", "model..layers=2", "arms=[]", "seeds=[1, 2",
            "arms.big.training.batch=2", "arms.si=1", "arms.si.name=other", "arms.small.training.batch=-1");

        Assert.That(errors, Is.EqualTo(new[]
        {
            "x.yaml: --set training.batch=0: training.batch: must be at least 1 (got 0) (in arm 'si')",
            "x.yaml: --set trainig.batch=8: trainig: unknown key (did you mean 'training'?)",
            "x.yaml: --set seeds: seeds: expected KEY.PATH=VALUE, e.g. --set training.batch=64",
            "x.yaml: --set model..layers=2: model..layers: expected a key path of names joined by dots, e.g. training.round0.stable (a list is set whole: seeds=[1,2])",
            "x.yaml: --set arms=[]: arms: arms cannot be set whole: set a key of every arm (training.batch=64) or of one (arms.NAME.training.batch=64)",
            "x.yaml: --set seeds=[1, 2: seeds: the value is not valid YAML (while parsing a flow sequence, did not find expected ',' or ']')",
            "x.yaml: --set arms.big.training.batch=2: arms.big: no arm named 'big' (the arms: si, small)",
            "x.yaml: --set arms.si=1: arms.si: expected arms.NAME.KEY.PATH, e.g. arms.baseline.training.batch=64",
            "x.yaml: --set arms.si.name=other: arms.si.name: an arm's name cannot be set",
            "x.yaml: --set arms.small.training.batch=-1: training.batch: must be at least 1 (got -1) (in arm 'small')",
        }));
    }

    [Test]
    public void FileErrorsKeepTheirLines_AfterTheOverrides()
    {
        var path = Write(Spec.Replace("layers: 2", "layers: 0"));
        Assert.That(SpecLoader.TryLoad(path, ["training.batch=x"], out _, out var errors), Is.False);

        Assert.That(errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            $"{path}: --set training.batch=x: training.batch: expected an integer (got 'x')",
            $"{path}:3:9: model.layers: must be at least 1 (got 0)",
        }));
    }
}
