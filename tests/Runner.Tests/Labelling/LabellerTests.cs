using NUnit.Framework;
using Runner.Core.Evaluation;
using Runner.Core.Filters;
using Runner.Core.Labelling;
using Runner.Core.Model;
using Runner.Core.Specs;
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
            var direct = decoder.Decode(prompts, batch => Labeller.DecodeCap(task, tokenizer, batch), 4);
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
    public void DecodingStopsAtTheBatchsLongestTrueAnswerAndUnendedOutputsAreKeptAsWritten()
    {
        // Forward sums of 2 digits are 2 or 3 digits long; a model that only ever writes '7' never ends.
        var task = new ForwardAddition();
        var tokenizer = new Tokenizer(task.Vocabulary);
        using var model = TinyModels.AlwaysPredicts(tokenizer.VocabularySize, token: tokenizer.Encode("7").Single());
        var labeller = new Labeller(task, [new GreedyDecoder(model, tokenizer, CPU)], new HeldOutPrompts(task, 1, 8), decodeBatch: 2);

        var labels = labeller.Label([2], 40, new Random(3));

        // As lib/trainer_utils.py:91 caps it: the batch's longest true answer, plus the token left for EOS.
        foreach (var batch in labels.GroupBy(l => l.Batch))
        {
            int longest = batch.Max(l => task.Solve(l.Prompt).Length);
            Assert.That(batch.Select(l => l.Output), Is.All.EqualTo(new string('7', longest + 1)), string.Join(" ", batch.Select(l => l.Prompt)));
            Assert.That(batch.Select(l => l.BatchLongest), Is.All.EqualTo(longest + 1));
        }
        Assert.That(labels.Select(l => task.Solve(l.Prompt).Length).Distinct().Order(), Is.EqualTo(new[] { 2, 3 }), "both answer lengths occur");
        Assert.That(labels.Select(l => l.Output.Length).Distinct().Order(), Is.EqualTo(new[] { 3, 4 }), "some batch's cap comes from 2-digit sums only");
        Assert.That(labels, Is.All.Matches<Label>(l => !l.Ended));
        // An unfiltered arm keeps every one of them; the ended filter none.
        Assert.That(FilterChain.From([], task, SpecKinds.Builtin).Keep(labels), Is.EqualTo(labels));
        Assert.That(FilterChain.From([new FilterSpec { Kind = "ended" }], task, SpecKinds.Builtin).Keep(labels), Is.Empty);
    }

    [Test]
    public void MaxAnswerTokensIsLongestAllowedPlusSlack()
    {
        Assert.That(Labeller.TokenSlack, Is.EqualTo(4));
        Assert.That(Labeller.MaxAnswerTokens(StringTask.Copy(), ["123=", "12345=", "1="]), Is.EqualTo(9));
        Assert.That(Labeller.MaxAnswerTokens(new ReversedAddition(), ["4321+789=", "1+1="]), Is.EqualTo(9));
    }
}
