using NUnit.Framework;
using Runner.Core.Specs;

namespace Runner.Tests.Specs;

public class PretrainedSpecTests : SpecFileTests
{
    const string Base = "name: p\ntask: {kind: reverse_addition}\n";

    [Test]
    public void KeysBindWithTheirDefaultsAndOverrides()
    {
        var spec = LoadOk(Base + "model:\n  pretrained: {path: models/Llama-3.2-1B, lora: {rank: 8}}\n").Base;

        Assert.That(spec.Model.Pretrained, Is.EqualTo(new PretrainedSpec { Path = "models/Llama-3.2-1B", Lora = new LoraSpec { Rank = 8, Alpha = 128, Dropout = 0 } }));
        var overridden = SpecLoader.Load(Write(Base + "model:\n  pretrained: {path: a, lora: {}}\n"), ["model.pretrained.path=/data/llama", "model.pretrained.lora.dropout=0.05"]).Base;
        Assert.That(overridden.Model.Pretrained!.Path, Is.EqualTo("/data/llama"));
        Assert.That(overridden.Model.Pretrained.Lora!.Dropout, Is.EqualTo(0.05));
    }

    [Test]
    public void BadValuesAreOneLineErrorsAtTheirKeys()
    {
        var errors = ErrorsOf(Base + "model:\n  pretrained:\n    path: ''\n    lora: {rank: 0, alpha: -1, dropout: 1}\n", out var path);

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{path}:5:5: model.pretrained.path: required: a Hugging Face Llama checkpoint directory (give it with --set model.pretrained.path=DIR)",
            $"{path}:6:12: model.pretrained.lora.rank: must be at least 1 (got 0)",
            $"{path}:6:21: model.pretrained.lora.alpha: must be greater than 0 (got -1)",
            $"{path}:6:32: model.pretrained.lora.dropout: must be at least 0 and less than 1 (got 1)",
        }));
    }

    [Test]
    public void TheCanonicalSpecLeavesAnAbsentPretrainedOutSoOldHashesStay()
    {
        var scratch = LoadOk(Base).Base;
        var pretrained = LoadOk(Base + "model:\n  pretrained: {path: m}\n").Base;

        Assert.That(SpecCanonical.ToCanonicalYaml(scratch), Does.Not.Contain("pretrained"));
        Assert.That(SpecCanonical.ToCanonicalYaml(pretrained), Does.Contain("  pretrained:\n    path: \"m\"\n    lora: null\n"));
    }
}
