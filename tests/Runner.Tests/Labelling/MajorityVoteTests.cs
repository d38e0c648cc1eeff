using NUnit.Framework;
using Runner.Core.Labelling;
using Runner.Core.Model;
using Runner.Core.Tasks;
using Runner.Engine.Labelling;

namespace Runner.Tests.Labelling;

public class MajorityVoteTests
{
    static Decoded D(string text, bool ended = true) => new(text, ended);

    [Test]
    public void TheMostCommonOutputWinsWithItsCount()
    {
        var vote = MajorityVote.Tally([D("123"), D("124"), D("123"), D("123"), D("999")]);
        Assert.That(vote, Is.EqualTo(new Vote(D("123"), 3, Tied: false)));
    }

    [Test]
    public void ATieForTheMostVotesIsMarked()
    {
        var vote = MajorityVote.Tally([D("12"), D("34"), D("34"), D("12"), D("56")]);
        Assert.That((vote.Votes, vote.Tied), Is.EqualTo((2, true)));
        Assert.That(vote.Output, Is.EqualTo(D("12")), "the first model's output among the tied ones");
        Assert.That(MajorityVote.Tally([D("1"), D("2")]).Tied, Is.True);
        Assert.That(MajorityVote.Tally([D("7")]), Is.EqualTo(new Vote(D("7"), 1, false)));
    }

    [Test]
    public void AnOutputThatNeverEndedIsNotTheSameAsOneThatDid()
    {
        var vote = MajorityVote.Tally([D("123", ended: false), D("123"), D("123", ended: false)]);
        Assert.That(vote, Is.EqualTo(new Vote(D("123", ended: false), 2, false)));
    }

    [Test]
    public void OutputsAreComparedWithoutPadding()
    {
        // Two models wrote the same answer; in a batch one row is padded after EOS, the other is not.
        var tokenizer = new Tokenizer(StringTask.Copy().Vocabulary);
        var answer = tokenizer.Encode("4711").ToList();
        var plain = Decoded.Read(tokenizer, [.. answer, Tokenizer.Eos]);
        var padded = Decoded.Read(tokenizer, [.. answer, Tokenizer.Eos, Tokenizer.Pad, Tokenizer.Pad]);

        var vote = MajorityVote.Tally([plain, padded]);
        Assert.That((vote.Output.Text, vote.Votes, vote.Tied), Is.EqualTo(("4711", 2, false)));
    }

    [TestCase(0.7, 5, 4)]
    [TestCase(0.9, 5, 5)]
    [TestCase(0.6, 5, 3)]
    [TestCase(0.5, 4, 2)]
    [TestCase(1.0, 3, 3)]
    [TestCase(0.34, 3, 2)]
    [TestCase(0.01, 5, 1)]
    public void RequiredVotesAreThresholdTimesModelsRoundedUp(double threshold, int models, int required) =>
        Assert.That(MajorityVote.Required(threshold, models), Is.EqualTo(required));
}
