using NUnit.Framework;
using Runner.Core.Filters;
using Runner.Core.Labelling;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Tests.Filters;

public class FilterTests
{
    static readonly ITask Copy = StringTask.Copy();

    static Label L(string prompt, string output, int batch, bool ended = true) =>
        new(prompt, prompt.Length - 1, output, ended, batch);

    [Test]
    public void ExpectedLengthKeepsOnlyTheFormatsLength()
    {
        var labels = new[]
        {
            L("123=", "123", 0), L("123=", "12", 0), L("123=", "1234", 0),
            L("45=", "45", 1), L("45=", "4", 1), L("6=", "7", 2),
        };

        var kept = new ExpectedLengthFilter(Copy).Keep(labels);

        Assert.That(kept, Is.EqualTo(new[] { labels[0], labels[3], labels[5] }));
    }

    [Test]
    public void ExpectedLengthUsesTheTasksLengthForReversedAddition()
    {
        var task = new ReversedAddition();
        var labels = new[] { new Label("4321+789=", 4, "12220", true, 0), new Label("4321+789=", 4, "1222", true, 0), new Label("5+5=", 1, "01", true, 0) };

        Assert.That(new ExpectedLengthFilter(task).Keep(labels), Is.EqualTo(new[] { labels[0], labels[2] }));
    }

    [Test]
    public void ExpectedLengthKeepsForwardSumsWithOrWithoutAFinalCarry()
    {
        // 1234+987: 4 digits (no carry out) or 5 (a carry out) are lengths a sum can have; 3 and 6 are not.
        var labels = new[]
        {
            new Label("1234+987=", 4, "2221", true, 0), new Label("1234+987=", 4, "12221", true, 0),
            new Label("1234+987=", 4, "222", true, 0), new Label("1234+987=", 4, "122210", true, 0),
        };

        Assert.That(new ExpectedLengthFilter(new ForwardAddition()).Keep(labels), Is.EqualTo(new[] { labels[0], labels[1] }));
    }

    [Test]
    public void ExpectedLengthRefusesTasksWhosePromptDoesNotTellTheLength()
    {
        var error = Assert.Throws<ArgumentException>(() => new ExpectedLengthFilter(MazeTask.Hops()));
        Assert.That(error!.Message, Is.EqualTo("the expected-length filter needs a task whose prompt tells the answer's length; maze_hops's does not"));
        Assert.Throws<ArgumentException>(() => new ExpectedLengthFilter(MazeTask.NodeCount()));
    }

    [Test]
    public void BatchLengthKOneKeepsOnlyTheLongestOfEachBatch()
    {
        var labels = new[]
        {
            L("1234=", "1234", 0), L("1234=", "123", 0), L("1234=", "1234", 0), L("1234=", "12", 0),
            L("12=", "12", 1), L("12=", "1", 1),
            L("9=", "", 2),
        };

        var kept = new BatchLengthFilter(1, Copy).Keep(labels);

        Assert.That(kept, Is.EqualTo(new[] { labels[0], labels[2], labels[4], labels[6] }));
    }

    [Test]
    public void BatchLengthKTwoAlsoKeepsOneShorter()
    {
        var labels = new[]
        {
            L("1234=", "1234", 0), L("1234=", "123", 0), L("1234=", "12", 0),
            L("12=", "12", 1), L("12=", "1", 1), L("12=", "", 1),
        };

        var kept = new BatchLengthFilter(2, Copy).Keep(labels);

        Assert.That(kept, Is.EqualTo(new[] { labels[0], labels[1], labels[3], labels[4] }));
    }

    [Test]
    public void BatchLengthComparesOnlyWithinABatch()
    {
        // A very long output in batch 1 must not remove anything from batch 0.
        var batch0 = new[] { L("12=", "12", 0), L("12=", "1", 0) };
        var withLong = batch0.Append(L("12=", "1212121212", 1)).ToArray();

        Assert.That(new BatchLengthFilter(1, Copy).Keep(batch0), Is.EqualTo(new[] { batch0[0] }));
        Assert.That(new BatchLengthFilter(1, Copy).Keep(withLong), Is.EqualTo(new[] { batch0[0], withLong[2] }));
        // The same labels batched apart survive.
        var apart = new[] { L("12=", "12", 0), L("12=", "1", 1) };
        Assert.That(new BatchLengthFilter(1, Copy).Keep(apart), Is.EqualTo(apart));
    }

    [Test]
    public void BatchLengthCountsTokensNotCharacters()
    {
        // Both paths are 5 tokens (a maze label 10..99 is one token), though 5 and 8 characters.
        var labels = new[] { L("1>3#1:2-2:1,3-3:2=", "1>2>3", 0), L("34>61#34:52-52:34,61-61:52=", "34>52>61", 0) };

        Assert.That(new BatchLengthFilter(1, MazeTask.Hops()).Keep(labels), Is.EqualTo(labels));
    }

    [Test]
    public void ChainWithoutFiltersKeepsUnendedOutputsAsTheOfficialCodeDoes()
    {
        var labels = new[] { L("12=", "12", 0), L("12=", "12121", 0, ended: false), L("3=", "3", 1) };
        var chain = new FilterChain([]);

        Assert.That(chain.Keep(labels), Is.EqualTo(labels));
        Assert.That(chain.Name, Is.EqualTo("none"));
    }

    [Test]
    public void EndedFilterDropsOutputsThatNeverWroteEos()
    {
        var labels = new[] { L("12=", "12", 0), L("12=", "12121", 0, ended: false), L("3=", "3", 1) };
        var chain = FilterChain.From([new FilterSpec { Kind = "ended" }], Copy, SpecKinds.Builtin);

        Assert.That(chain.Keep(labels), Is.EqualTo(new[] { labels[0], labels[2] }));
        Assert.That(chain.Name, Is.EqualTo("ended"));
    }

    [Test]
    public void BatchLengthTakesItsLongestOverEveryOutputOfTheBatchNotOverWhatAnEarlierFilterKept()
    {
        // Written lengths: "12" + EOS is 3 tokens; the unended "12121" is 5 (no EOS). The labeller
        // records 5 as the batch's longest; dropping the unended output first does not lower it.
        var labels = new[] { L("12=", "12", 0) with { BatchLongest = 5 }, L("12=", "12121", 0, ended: false) with { BatchLongest = 5 } };

        Assert.That(new FilterChain([new EndedFilter(), new BatchLengthFilter(1, Copy)]).Keep(labels), Is.Empty, "3 is 2 shorter than 5");
        Assert.That(new FilterChain([new EndedFilter(), new BatchLengthFilter(3, Copy)]).Keep(labels), Is.EqualTo(new[] { labels[0] }));
        // Without the labeller's longest (labels read back from a ledger) the rule compares within what it is given.
        Assert.That(new BatchLengthFilter(1, Copy).Keep([L("12=", "12", 0)]), Has.Count.EqualTo(1));
    }

    [Test]
    public void ChainAppliesFiltersInOrder()
    {
        var tooLong = L("12=", "123", 0);   // longest of the batch, wrong length
        var right = L("45=", "45", 0);      // right length, one shorter
        var labels = new[] { tooLong, right };

        var batchFirst = new FilterChain([new BatchLengthFilter(1, Copy), new ExpectedLengthFilter(Copy)]);
        var expectedFirst = new FilterChain([new ExpectedLengthFilter(Copy), new BatchLengthFilter(1, Copy)]);

        Assert.That(batchFirst.Keep(labels), Is.Empty);
        Assert.That(expectedFirst.Keep(labels), Is.EqualTo(new[] { right }));
        Assert.That(batchFirst.Name, Is.EqualTo("length(batch,k=1) > length(expected)"));
        Assert.That(expectedFirst.Name, Is.EqualTo("length(expected) > length(batch,k=1)"));
    }

    [Test]
    public void NamesAndCreationFromSpecs()
    {
        Assert.That(new ExpectedLengthFilter(Copy).Name, Is.EqualTo("length(expected)"));
        Assert.That(new BatchLengthFilter(2, Copy).Name, Is.EqualTo("length(batch,k=2)"));

        var chain = FilterChain.From([new FilterSpec { Kind = "length", Rule = "expected" }, new FilterSpec { Kind = "length", Rule = "batch", K = 2 }], Copy, SpecKinds.Builtin);
        Assert.That(chain.Name, Is.EqualTo("length(expected) > length(batch,k=2)"));
        Assert.That(FilterChain.From([], Copy, SpecKinds.Builtin).Name, Is.EqualTo("none"));

        var error = Assert.Throws<ArgumentException>(() => FilterChain.From([new FilterSpec { Kind = "vote", Rule = "majority" }], Copy, SpecKinds.Builtin));
        Assert.That(error!.Message, Is.EqualTo("unknown filter kind 'vote' (expected one of: length, majority, confidence, oracle, ended)"));
    }

    [Test]
    public void ConfidenceKeepsLabelsTheModelsGiveAtLeastTheThreshold()
    {
        Label Scored(string output, double confidence) => L("123=", output, 0) with { Confidence = confidence };
        var labels = new[] { Scored("123", 0.97), Scored("132", 0.41), Scored("123", 0.9), Scored("123", double.NaN) };

        var filter = (ConfidenceFilter)SpecKinds.Builtin.Filter("confidence").Create(new FilterSpec { Kind = "confidence", Threshold = 0.9 }, Copy);

        Assert.That(filter.Keep(labels), Is.EqualTo(labels[..1].Append(labels[2])), "at the threshold is kept; an unscored label never is");
        Assert.That(filter.Name, Is.EqualTo("confidence(>=0.9)"));
    }

    static Label Voted(string prompt, string output, int votes, int voters = 5, bool tied = false, int batch = 0) =>
        new(prompt, prompt.Length - 1, output, true, batch, votes, voters, tied);

    [Test]
    public void MajorityKeepsLabelsWithThresholdTimesModelsVotes()
    {
        var labels = new[] { Voted("12=", "12", 5), Voted("34=", "34", 4), Voted("56=", "56", 3), Voted("78=", "78", 1) };

        Assert.That(new MajorityFilter(5, 0.7).Keep(labels), Is.EqualTo(labels[..2]), "0.7 x 5: 4 votes");
        Assert.That(new MajorityFilter(5, 0.9).Keep(labels), Is.EqualTo(labels[..1]), "0.9 x 5: all 5");
        Assert.That(new MajorityFilter(5, 0.6).Keep(labels), Is.EqualTo(labels[..3]), "0.6 x 5: 3 votes, not 4 by rounding error");
        Assert.That(new MajorityFilter(5, 0.7).Name, Is.EqualTo("majority(models=5,threshold=0.7,votes>=4)"));
    }

    [Test]
    public void MajorityDropsATieEvenAboveTheThreshold()
    {
        // 2 of 4 models on each of two outputs: no majority, whatever the threshold.
        var tied = Voted("12=", "12", 2, voters: 4, tied: true);
        var clear = Voted("34=", "34", 2, voters: 4);

        Assert.That(new MajorityFilter(4, 0.5).Keep([tied, clear]), Is.EqualTo(new[] { clear }));
    }

    [Test]
    public void MajorityThenLengthAppliesBothInOrder()
    {
        var wrongLength = Voted("12=", "123", 5);
        var fewVotes = Voted("34=", "34", 2);
        var good = Voted("56=", "56", 4);
        var chain = FilterChain.From([new FilterSpec { Kind = "majority", Models = 5, Threshold = 0.7 }, new FilterSpec { Kind = "length", Rule = "expected" }], Copy, SpecKinds.Builtin);

        Assert.That(chain.Keep([wrongLength, fewVotes, good]), Is.EqualTo(new[] { good }));
        Assert.That(chain.Name, Is.EqualTo("majority(models=5,threshold=0.7,votes>=4) > length(expected)"));
        Assert.That(SpecKinds.Builtin.Models([new FilterSpec { Kind = "length" }, new FilterSpec { Kind = "majority", Models = 3 }]), Is.EqualTo(3));
        Assert.That(SpecKinds.Builtin.Models([new FilterSpec { Kind = "length" }]), Is.EqualTo(1));
    }

    [Test]
    public void OracleKeepsExactlyTheCorrectLabels()
    {
        var reverse = StringTask.Reversal();
        var labels = new[] { L("123=", "321", 0), L("123=", "123", 0), L("45=", "54", 0), L("45=", "5", 0) };

        Assert.That(new OracleFilter(reverse).Keep(labels), Is.EqualTo(new[] { labels[0], labels[2] }));
        Assert.That(FilterChain.From([new FilterSpec { Kind = "oracle" }], reverse, SpecKinds.Builtin).Name, Is.EqualTo("oracle"));
    }
}
