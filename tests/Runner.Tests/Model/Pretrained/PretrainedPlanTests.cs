using NUnit.Framework;
using Runner.Cli.Display;
using Runner.Core.Specs;
using Runner.Engine.Cost;
using Runner.Engine.Model.Pretrained;

namespace Runner.Tests.Model.Pretrained;

public class PretrainedPlanTests
{
    // Llama-3.2-1B's and 3B's config.json (meta-llama on the Hugging Face Hub).
    static readonly LlamaConfig Llama1B = new(2048, 8192, 16, 32, 8, 64, 128256, 1e-5, 500000, new RopeScaling("llama3", 32, 1, 4, 8192), true, 128000, 128001, 131072);
    static readonly LlamaConfig Llama3B = Llama1B with { HiddenSize = 3072, Layers = 28, Heads = 24, HeadDim = 128 };

    [Test]
    public void CountsAreThePublishedOnes()
    {
        // The model cards' 1.24B and 3.21B; PEFT's trainable counts for the paper's ranks on all seven projections.
        Assert.That(Llama1B.ParameterCount, Is.EqualTo(1_235_814_400));
        Assert.That(Llama3B.ParameterCount, Is.EqualTo(3_212_749_824));
        Assert.That(PretrainedPlan.LoraParameters(Llama1B, 64), Is.EqualTo(45_088_768));
        Assert.That(PretrainedPlan.LoraParameters(Llama3B, 32), Is.EqualTo(48_627_712));
    }

    [Test]
    public void TheEquivalentShapeDoesTheLlamasMatrixWorkPerToken()
    {
        var shape = PretrainedPlan.EquivalentShape(Llama1B, 1024);

        Assert.That(Flops.MatmulParameters(shape), Is.EqualTo(Llama1B.MatmulParameterCount));
        Assert.That((double)Flops.MatmulParameters(PretrainedPlan.EquivalentShape(Llama3B, 1024)), Is.EqualTo((double)Llama3B.MatmulParameterCount).Within(0.01).Percent, "ffn rounded to a whole number: 86,016 of 3.2 billion");
    }

    [Test]
    public void ThePlanNamesTheBaseModelItsCountsAndWhatLoraTrains()
    {
        var spec = SpecLoader.Parse($"name: p\ntask: {{kind: reverse_addition, d0: {{min: 1, max: 4}}}}\nmodel: {{pretrained: {{path: '{TinyLlama.Folder}', lora: {{rank: 4, alpha: 8}}}}}}\n", "p.yaml");
        var output = new StringWriter();

        PlanReport.Write(spec, output, terminal: false);

        Assert.That(output.ToString(), Does.Contain($": 1 model(s) of 16,800 parameters (Llama from {TinyLlama.Folder}: 2 layers, hidden 32, 4 heads / 2 key-value heads, vocabulary 40, tied); " +
            "LoRA rank 4, alpha 8 trains 3,712 (22.10 %; the training FLOPs below count a full backward pass, of which LoRA skips the frozen weights' gradients, about a third), batch 1,024, device auto"));
    }
}

public class PretrainedMatrixTests : Runner.Tests.Specs.SpecFileTests
{
    [Test]
    public void CiJobsLeaveOutASpecWhoseModelIsNotOnTheMachine()
    {
        var here = Write($"name: here\ntask: {{kind: copy}}\nmodel: {{pretrained: {{path: '{TinyLlama.Folder}'}}}}\n", "here.yaml");
        var away = Write("name: away\ntask: {kind: copy}\nmodel: {pretrained: {path: /nowhere/llama}}\n", "away.yaml");
        var output = new StringWriter();
        var errors = new StringWriter();

        int code = Runner.Cli.Commands.SpecsMatrixCommand.Execute([here, away], 1, [], output, errors);

        Assert.That(code, Is.EqualTo(0));
        Assert.That(output.ToString(), Does.Contain("\"name\":\"here\"").And.Not.Contain("\"name\":\"away\""));
        Assert.That(errors.ToString().Trim(), Is.EqualTo($"runner: note: {away} left out: it starts from /nowhere/llama, which is not on this machine (see docs/pretrained.md)"));
    }
}
