using NUnit.Framework;
using Runner.Core.Model;
using Runner.Core.Tasks;
using Runner.Engine.Labelling;
using Runner.Tests.Model;
using static TorchSharp.torch;

namespace Runner.Tests.Labelling;

/// <summary>The probability models give a label: the avalanche guard's signal when one model has no other.</summary>
public class LabelConfidenceTests
{
    static readonly ITask Task = new StringTask(reverse: false);
    static readonly Tokenizer Tokenizer = new(Task.Vocabulary);

    [Test]
    public void ALabelsConfidenceIsTheProductOfItsTokensProbabilitiesAndTheEndsAfterThePrompt()
    {
        // Every position gives token '7' the logit d_model (16) and every other token 0; float32 holds the product to 1e-5.
        int seven = Tokenizer.Encode("7").Single();
        using var model = TinyModels.AlwaysPredicts(Tokenizer.VocabularySize, seven);
        double others = Tokenizer.VocabularySize - 1, p7 = Math.Exp(16) / (Math.Exp(16) + others), pOther = 1 / (Math.Exp(16) + others);

        var confidence = new LabelConfidence([model], Tokenizer, CPU, batchSize: 2).Of(
        [
            new Example("123=", "777"),     // 7, 7, 7, then EOS (another token)
            new Example("45=", "77"),
            new Example("9=", "1"),
        ]);

        Assert.That(confidence[0], Is.EqualTo(p7 * p7 * p7 * pOther).Within(0.01).Percent);
        Assert.That(confidence[1], Is.EqualTo(p7 * p7 * pOther).Within(0.01).Percent, "the second batch, a shorter row: its padding counts for nothing");
        Assert.That(confidence[2], Is.EqualTo(pOther * pOther).Within(0.01).Percent);
    }

    [Test]
    public void AModelIsMoreSureOfItsOwnGreedyLabelThanOfOneThatDiffersInItsLastToken()
    {
        using var model = TinyModels.Sharp(Tokenizer.VocabularySize, seed: 5);
        var prompts = new[] { "1234=", "98=", "5550=" };
        var decoded = new GreedyDecoder(model, Tokenizer, CPU).Decode(prompts, maxAnswerTokens: 6, batchSize: 3);
        var own = prompts.Select((p, i) => new Example(p, decoded[i].Text)).Where(e => e.Answer.Length > 0).ToList();
        Assume.That(own, Is.Not.Empty, "seed 5 writes a digit first for some prompt");
        var changed = own.Select(e => e with { Answer = e.Answer[..^1] + (e.Answer[^1] == '3' ? '4' : '3') }).ToList();

        var confidence = new LabelConfidence([model], Tokenizer, CPU, batchSize: 8);
        var mine = confidence.Of(own);
        var theirs = confidence.Of(changed);

        for (int i = 0; i < own.Count; i++)
            Assert.That(mine[i], Is.GreaterThan(theirs[i]), $"{own[i].Prompt}{own[i].Answer}: greedy took the most likely last token");
    }

    [Test]
    public void SeveralModelsGiveTheirMean()
    {
        using var a = TinyModels.Sharp(Tokenizer.VocabularySize, seed: 5);
        using var b = TinyModels.Sharp(Tokenizer.VocabularySize, seed: 6);
        Example[] labels = [new("12=", "12"), new("3=", "3")];

        var each = new[] { a, b }.Select(m => new LabelConfidence([m], Tokenizer, CPU, batchSize: 4).Of(labels)).ToList();
        var both = new LabelConfidence([a, b], Tokenizer, CPU, batchSize: 4).Of(labels);

        for (int i = 0; i < labels.Length; i++)
            Assert.That(both[i], Is.EqualTo((each[0][i] + each[1][i]) / 2).Within(1e-12));
    }
}
