using NUnit.Framework;
using Runner.Core.Model;
using Runner.Core.Tasks;

namespace Runner.Tests.Tasks;

/// <summary>Each task's vocabulary through the tokenizer (the paper's model).</summary>
public class TaskTokenizationTests
{
    static readonly Tokenizer MazeTokens = new(MazeTask.Hops().Vocabulary);

    [Test]
    public void CharacterTasksKeepTheirTokenIds()
    {
        // PAD 0, BOS 1, EOS 2, then the characters in order: '0' is 3, '+' 13, '=' 14 for addition.
        int[] addition = [1, 7, 6, 5, 4, 13, 10, 11, 12, 14];
        Assert.That(new Tokenizer(new ReversedAddition().Vocabulary).EncodePrompt("4321+789="), Is.EqualTo(addition));
        Assert.That(new Tokenizer(new ForwardAddition().Vocabulary).EncodePrompt("4321+789="), Is.EqualTo(addition));
        Assert.That(new Tokenizer(StringTask.Copy().Vocabulary).EncodePrompt("90210="), Is.EqualTo(new[] { 1, 12, 3, 5, 4, 3, 13 }));
        Assert.That(new Tokenizer(StringTask.Reversal().Vocabulary).EncodeAnswer("01209"), Is.EqualTo(new[] { 3, 4, 5, 3, 12, 2 }));
        Assert.That(new Tokenizer(new ReversedAddition().Vocabulary).VocabularySize, Is.EqualTo(15));
    }

    [Test]
    public void MazeVocabularyHasOneTokenPerLabel()
    {
        // 16 characters, the labels 10..99, and the three specials.
        Assert.That(MazeTokens.VocabularySize, Is.EqualTo(3 + 16 + 90));
        Assert.That(MazeTask.NodeCount().Vocabulary, Is.EqualTo(MazeTask.Hops().Vocabulary));
        foreach (var label in Enumerable.Range(1, Maze.MaxLabel))
            Assert.That(MazeTokens.Encode(label.ToString()).Count(), Is.EqualTo(1), label.ToString());
    }

    [Test]
    public void TwoDigitLabelIsOneTokenAndDiffersFromItsDigits()
    {
        var fiftyTwo = MazeTokens.Encode("52").ToList();
        var five = MazeTokens.Encode("5").ToList();

        Assert.That(fiftyTwo, Has.Count.EqualTo(1));
        Assert.That(five, Has.Count.EqualTo(1));
        Assert.That(fiftyTwo[0], Is.Not.EqualTo(five[0]));
        Assert.That(MazeTokens.Encode("5>52>2").ToList(), Is.EqualTo(new[] { five[0], MazeTokens.Encode(">").Single(), fiftyTwo[0], MazeTokens.Encode(">").Single(), MazeTokens.Encode("2").Single() }));
    }

    [Test]
    public void EncodingTakesTheLongestTokenFirst()
    {
        var tokenizer = new Tokenizer(["5", "2", "52", ">"]);

        Assert.That(tokenizer.Encode("525>2"), Is.EqualTo(new[] { 5, 3, 6, 4 }));
        Assert.That(tokenizer.Decode([5, 3, 6, 4]), Is.EqualTo("525>2"));
    }

    [Test]
    public void RoundTripsMazePromptsAndAnswersOneTokenPerLabel()
    {
        var task = MazeTask.NodeCount();
        var rng = new Random(6);
        for (int i = 0; i < 50; i++)
        {
            var example = task.SampleTraining(10, 99, rng);
            var prompt = MazeTokens.EncodePrompt(example.Prompt);
            var answer = MazeTokens.EncodeAnswer(example.Answer);

            Assert.That(MazeTokens.Decode(prompt), Is.EqualTo(example.Prompt));
            Assert.That(MazeTokens.Decode(answer), Is.EqualTo(example.Answer));
            // BOS, then one token per label and per punctuation character.
            var labels = System.Text.RegularExpressions.Regex.Matches(example.Prompt, "[0-9]+").Count;
            var punctuation = example.Prompt.Count(c => !char.IsAsciiDigit(c));
            Assert.That(prompt, Has.Length.EqualTo(1 + labels + punctuation), example.Prompt);
        }
    }
}
