using NUnit.Framework;
using Runner.Core.Labelling;
using Runner.Core.Model;
using Runner.Core.Tasks;
using Runner.Engine.Labelling;
using Runner.Tests.Model;
using static TorchSharp.torch;

namespace Runner.Tests.Labelling;

public class GreedyDecoderTests
{
    static readonly ITask Task = new ReversedAddition();
    static readonly Tokenizer Tokenizer = new(Task.Vocabulary);
    const int MaxAnswer = 8;

    /// <summary>21 prompts of 1 to 5 digits, mixed in one batch, so rows are left-padded by different amounts.</summary>
    static List<string> MixedPrompts()
    {
        var rng = new Random(12);
        return Enumerable.Range(0, 21).Select(i => Task.SamplePrompt(1 + i % 5, rng)).ToList();
    }

    [Test]
    public void CachedAndUncachedDecodingAgreeWithAndWithoutPadding()
    {
        // Seed 13: 8 of the 21 rows end as answers (a random model often writes PAD or BOS first).
        using var model = TinyModels.Sharp(Tokenizer.VocabularySize, seed: 13);
        var decoder = new GreedyDecoder(model, Tokenizer, CPU);
        var prompts = MixedPrompts();

        var cached = decoder.Decode(prompts, MaxAnswer, batchSize: 7);
        var uncached = decoder.Decode(prompts, MaxAnswer, batchSize: 7, useCache: false);
        // Looking every 3 tokens, or never before the cap, whether every row has ended (as on a GPU).
        var everyThird = new GreedyDecoder(model, Tokenizer, CPU) { EndCheckInterval = 3 }.Decode(prompts, MaxAnswer, batchSize: 7);
        var atTheCap = new GreedyDecoder(model, Tokenizer, CPU) { EndCheckInterval = 100 }.Decode(prompts, MaxAnswer, batchSize: 7);
        // Prompts fed a row or two a pass (7-token prompts) rather than a batch at once.
        var smallPasses = new GreedyDecoder(model, Tokenizer, CPU) { PrefillTokens = 10 }.Decode(prompts, MaxAnswer, batchSize: 7);
        var alone = decoder.Decode(prompts, MaxAnswer, batchSize: 1);
        var aloneUncached = decoder.Decode(prompts, MaxAnswer, batchSize: 1, useCache: false);
        var oneBatch = decoder.Decode(prompts, MaxAnswer, batchSize: 64);

        Assert.That(cached, Has.Count.EqualTo(prompts.Count));
        Assert.That(uncached, Is.EqualTo(cached), "KV cache vs full re-read");
        Assert.That(everyThird, Is.EqualTo(cached), "end checked every 3 tokens");
        Assert.That(atTheCap, Is.EqualTo(cached), "end checked only at the cap");
        Assert.That(smallPasses, Is.EqualTo(cached), "prompts prefilled a row or two at a time");
        Assert.That(alone, Is.EqualTo(cached), "batch 1 (no padding) vs batch 7 (left padding)");
        Assert.That(aloneUncached, Is.EqualTo(cached));
        Assert.That(oneBatch, Is.EqualTo(cached), "one batch of 21");
        // The check means something only if the model writes varied outputs.
        Assert.That(cached.Select(d => d.Text).Distinct().Count(), Is.GreaterThanOrEqualTo(5), string.Join(" ", cached));
        Assert.That(cached.Count(d => d.Ended), Is.InRange(1, prompts.Count - 1), "rows must end at different steps");
    }

    [Test]
    public void DecodingDependsOnlyOnThePromptNotOnItsBatchNeighbours()
    {
        using var model = TinyModels.Sharp(Tokenizer.VocabularySize, seed: 6);
        var decoder = new GreedyDecoder(model, Tokenizer, CPU);
        var prompts = MixedPrompts();
        var reference = decoder.Decode(prompts, MaxAnswer, batchSize: 7);

        // The same prompts shuffled land next to other prompts, with other padding.
        var order = Enumerable.Range(0, prompts.Count).OrderBy(i => (i * 13) % 21).ToList();
        var shuffled = decoder.Decode(order.Select(i => prompts[i]).ToList(), MaxAnswer, batchSize: 7);

        for (int k = 0; k < order.Count; k++)
            Assert.That(shuffled[k], Is.EqualTo(reference[order[k]]), prompts[order[k]]);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void ModelThatNeverWritesEosIsCutOffAndNotEnded(bool useCache)
    {
        using var model = TinyModels.AlwaysPredicts(Tokenizer.VocabularySize, token: 10); // '7'
        var decoder = new GreedyDecoder(model, Tokenizer, CPU);

        var decoded = decoder.Decode(["1+2=", "123+456="], maxAnswerTokens: 3, batchSize: 2, useCache);

        // maxAnswerTokens tokens plus the one token left for EOS.
        Assert.That(decoded, Is.EqualTo(new[] { new Decoded("7777", false), new Decoded("7777", false) }));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void ModelThatWritesEosAtOnceGivesEmptyEndedOutputs(bool useCache)
    {
        using var model = TinyModels.AlwaysPredicts(Tokenizer.VocabularySize, token: Tokenizer.Eos);
        var decoder = new GreedyDecoder(model, Tokenizer, CPU);

        var decoded = decoder.Decode(["1+2=", "123+456=", "9+9="], maxAnswerTokens: 5, batchSize: 2, useCache);

        Assert.That(decoded, Is.EqualTo(Enumerable.Repeat(new Decoded("", true), 3)));
    }

    [TestCase(1, 3, TestName = "DecodingStopsOnceEveryRowHasEnded(looking every token)")]
    [TestCase(4, 12, TestName = "DecodingStopsOnceEveryRowHasEnded(looking every 4 tokens)")]
    public void DecodingStopsOnceEveryRowHasEnded(int endCheckInterval, int tokensComputed)
    {
        using var model = TinyModels.AlwaysPredicts(Tokenizer.VocabularySize, token: Tokenizer.Eos);
        var decoder = new GreedyDecoder(model, Tokenizer, CPU) { EndCheckInterval = endCheckInterval };

        var decoded = decoder.Decode(["1+2=", "123+456=", "9+9="], maxAnswerTokens: 30, batchSize: 2);

        // Batches of 2 and 1 rows end at their first token; they are seen to have ended at the first look.
        Assert.That(decoded, Is.EqualTo(Enumerable.Repeat(new Decoded("", true), 3)));
        Assert.That(decoder.TokensComputed, Is.EqualTo(tokensComputed), "not 3 x 31 tokens: the cap is never reached");
    }

    [Test]
    public void AnAnswerEndsOnlyWhenItsTokensAreExactlyItsText()
    {
        var maze = new Tokenizer(MazeTask.Hops().Vocabulary);
        int[] T(string text) => maze.Encode(text).ToArray();

        Assert.That(Decoded.Read(maze, [.. T("34>12"), Tokenizer.Eos]), Is.EqualTo(new Decoded("34>12", true)));
        // Labels 1 then 2 read as label 12: the text is right, the tokens are not.
        Assert.That(Decoded.Read(maze, [.. T("34>1"), .. T("2"), Tokenizer.Eos]), Is.EqualTo(new Decoded("34>12", false)));
        Assert.That(Decoded.Read(maze, [.. T("34"), Tokenizer.Pad, .. T(">12"), Tokenizer.Eos]), Is.EqualTo(new Decoded("34>12", false)));
        Assert.That(Decoded.Read(maze, [Tokenizer.Bos, Tokenizer.Eos]), Is.EqualTo(new Decoded("", false)));
        Assert.That(Decoded.Read(maze, T("34>12")), Is.EqualTo(new Decoded("34>12", false)));
        // What follows EOS is not part of the answer.
        Assert.That(Decoded.Read(maze, [.. T("34>12"), Tokenizer.Eos, Tokenizer.Pad]), Is.EqualTo(new Decoded("34>12", true)));
    }
}
