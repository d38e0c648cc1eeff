using NUnit.Framework;
using Runner.Core.Model;
using Runner.Core.Tasks;

namespace Runner.Tests.Model;

public class SequenceLengthTests
{
    // BOS, prompt, the longest answer, EOS.
    [Test]
    public void CountsBosPromptLongestAnswerAndEos()
    {
        Assert.That(SequenceLength.Of(StringTask.Copy(), 5), Is.EqualTo(1 + 6 + 5 + 1), "`90210=` -> `90210`");
        Assert.That(SequenceLength.Of(new ReversedAddition(), 3), Is.EqualTo(1 + 8 + 4 + 1), "`321+654=` -> 4 padded digits");
        Assert.That(SequenceLength.Of(new ForwardAddition(), 3), Is.EqualTo(1 + 8 + 4 + 1), "a final carry can add a digit");
        // 12x345: `21*543=` -> `060+0840(0450)+00630=04140`: 7 + 26 characters, one token each.
        Assert.That(SequenceLength.Of(new Multiplication(), Difficulty.Pair(2, 3)), Is.EqualTo(1 + 7 + 26 + 1));
    }

    [Test]
    public void AMazeCountsItsPathNotTheDecodingCap()
    {
        var tokenizer = new Tokenizer(MazeTask.Hops().Vocabulary);
        var prompt = MazeTask.Hops().SamplePrompt(9, new Random(0));

        // 9 hops: 10 labels and 9 '>' = 19 tokens, whatever the 30 nodes would allow.
        Assert.That(SequenceLength.Of(MazeTask.Hops(), 9), Is.EqualTo(tokenizer.EncodePrompt(prompt).Length + 19 + 1));
    }

    [Test]
    public void D0sLongestIsItsHardestDifficulty()
    {
        Assert.That(SequenceLength.OfD0(StringTask.Copy(), 1, 10), Is.EqualTo(SequenceLength.Of(StringTask.Copy(), 10)));
        Assert.That(SequenceLength.OfD0(new Multiplication(), 1, 3), Is.EqualTo(SequenceLength.Of(new Multiplication(), Difficulty.Pair(3, 3))));
    }
}
