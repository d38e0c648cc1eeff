using NUnit.Framework;
using Runner.Core.Evaluation;
using Runner.Core.Labelling;
using Runner.Core.Model;
using Runner.Core.Tasks;
using Runner.Engine.Labelling;
using Runner.Tests.Model;
using static TorchSharp.torch;

namespace Runner.Tests.Labelling;

public class LabellerTests
{
    [Test]
    public void LabelsCarryTheirDecodeBatchAndSpreadOverDifficulties()
    {
        var task = StringTask.Copy();
        var tokenizer = new Tokenizer(task.Vocabulary);
        using var model = TinyModels.Sharp(tokenizer.VocabularySize, seed: 1);
        var decoder = new GreedyDecoder(model, tokenizer, CPU);
        var labeller = new Labeller(task, [decoder], new HeldOutPrompts(task, 1, 8), decodeBatch: 4);

        var labels = labeller.Label([3, 4], 10, new Random(1));

        // A decode batch never mixes difficulties: 5 of length 3 are batches 0 and 1, 5 of length 4 are 2 and 3.
        Assert.That(labels.Select(l => l.Batch), Is.EqualTo(new[] { 0, 0, 0, 0, 1, 2, 2, 2, 2, 3 }));
        Assert.That(labels.Select(l => l.Difficulty), Is.EqualTo(new Difficulty[] { 3, 3, 3, 3, 3, 4, 4, 4, 4, 4 }));
        foreach (var label in labels)
            Assert.That(label.Prompt.Length, Is.EqualTo(label.Difficulty.A + 1), label.Prompt);
        // Each label is exactly what the decoder writes for its prompt.
        foreach (var group in labels.GroupBy(l => l.Difficulty))
        {
            var prompts = group.Select(l => l.Prompt).ToList();
            var direct = decoder.Decode(prompts, Labeller.MaxAnswerTokens(task, prompts), 4);
            Assert.That(group.Select(l => new Decoded(l.Output, l.Ended)), Is.EqualTo(direct));
        }
    }

    [Test]
    public void NeverLabelsAHeldOutPrompt()
    {
        // Copy of length 1: 9 prompts, 4 held out for evaluation; labelling may use only the other 5.
        var task = StringTask.Copy();
        var tokenizer = new Tokenizer(task.Vocabulary);
        using var model = TinyModels.Create(tokenizer.VocabularySize, seed: 2, layers: 1);
        var heldOut = new HeldOutPrompts(task, 3, 100);
        var labeller = new Labeller(task, [new GreedyDecoder(model, tokenizer, CPU)], heldOut, decodeBatch: 50);

        var prompts = labeller.Label([1], 200, new Random(4)).Select(l => l.Prompt).ToHashSet();

        Assert.That(heldOut.For(1), Has.Count.EqualTo(4));
        Assert.That(prompts, Has.Count.EqualTo(5));
        Assert.That(prompts.Intersect(heldOut.For(1)), Is.Empty);
    }

    [Test]
    public void MaxAnswerTokensIsLongestAllowedPlusSlack()
    {
        Assert.That(Labeller.TokenSlack, Is.EqualTo(4));
        Assert.That(Labeller.MaxAnswerTokens(StringTask.Copy(), ["123=", "12345=", "1="]), Is.EqualTo(9));
        Assert.That(Labeller.MaxAnswerTokens(new ReversedAddition(), ["4321+789=", "1+1="]), Is.EqualTo(9));
    }
}
