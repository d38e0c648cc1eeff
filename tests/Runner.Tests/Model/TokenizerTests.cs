using NUnit.Framework;
using Runner.Core.Model;

namespace Runner.Tests.Model;

public class TokenizerTests
{
    readonly Tokenizer tokenizer = new("0123456789+=");

    [Test]
    public void SpecialIdsAndVocabularySize()
    {
        Assert.That((Tokenizer.Pad, Tokenizer.Bos, Tokenizer.Eos), Is.EqualTo((0, 1, 2)));
        Assert.That(tokenizer.VocabularySize, Is.EqualTo(15));
    }

    [Test]
    public void EncodesPromptWithBosAndAnswerWithEos()
    {
        Assert.That(tokenizer.EncodePrompt("4321+789="), Is.EqualTo(new[] { 1, 7, 6, 5, 4, 13, 10, 11, 12, 14 }));
        Assert.That(tokenizer.EncodeAnswer("12220"), Is.EqualTo(new[] { 4, 5, 5, 5, 3, 2 }));
    }

    [Test]
    public void RoundTripsEveryCharacter()
    {
        const string text = "0123456789+=9876+54321=";
        Assert.That(tokenizer.Decode(tokenizer.Encode(text)), Is.EqualTo(text));
        Assert.That(tokenizer.Decode(tokenizer.EncodePrompt("12+3=")), Is.EqualTo("12+3="));
        Assert.That(tokenizer.Decode(tokenizer.EncodeAnswer("501")), Is.EqualTo("501"));
    }

    [Test]
    public void DecodeStopsAtFirstEosAndSkipsOtherSpecials()
    {
        Assert.That(tokenizer.Decode([Tokenizer.Pad, Tokenizer.Bos, 4, Tokenizer.Pad, 5, Tokenizer.Eos, 6, Tokenizer.Eos, 7]), Is.EqualTo("12"));
        Assert.That(tokenizer.Decode([Tokenizer.Eos, 4]), Is.EqualTo(""));
        Assert.That(tokenizer.Decode([4, 99, 5]), Is.EqualTo("12"));
    }

    [Test]
    public void UnknownCharacterThrows()
    {
        var error = Assert.Throws<ArgumentException>(() => tokenizer.EncodePrompt("12x3="));
        Assert.That(error!.Message, Is.EqualTo("no token matches 'x' at position 2 of '12x3='"));
        Assert.Throws<ArgumentException>(() => new Tokenizer("0123456789=").EncodeAnswer("1+2"));
        Assert.That(Assert.Throws<ArgumentException>(() => tokenizer.Count("12x3="))!.Message, Is.EqualTo(error.Message));
    }

    [Test]
    public void CountIsTheNumberOfTokensEncodeMakes()
    {
        // Longest token first: "52" is one token, "5" then "2" would be two.
        var maze = new Tokenizer(["1", "2", "5", "52", ">", ","]);
        Assert.That(maze.Encode("52>1,5,2").Count(), Is.EqualTo(7));
        Assert.That(maze.Count("52>1,5,2"), Is.EqualTo(7));
        Assert.That(tokenizer.Count("4321+789="), Is.EqualTo(9));
        Assert.That(tokenizer.Count(""), Is.Zero);
    }
}
