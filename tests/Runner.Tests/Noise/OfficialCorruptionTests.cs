using NUnit.Framework;
using Runner.Core.Model;
using Runner.Core.Noise;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Core.Training;

namespace Runner.Tests.Noise;

/// <summary>
/// The official corruptions (lib/data_utils.py:415-450) on one fixed reversed-addition label,
/// 1234 + 987 written "4321+789=" -> "12220": BOS + 9 prompt tokens + 5 label tokens + EOS = 16
/// positions, of which the last three are '2', '0' and EOS.
/// </summary>
public class OfficialCorruptionTests
{
    static readonly Tokenizer Tokens = new(new ReversedAddition().Vocabulary);
    static readonly Example Fixed = new("4321+789=", "12220");
    static readonly TrainingSequence Clean = TrainingSequence.Of(Fixed, Tokens);

    static List<TrainingSequence> Corruptions(string kind)
    {
        var rng = new Random(5);
        return Enumerable.Range(0, 300)
            .Select(_ => TrainingSequence.Parse(SpecKinds.Builtin.Noise(kind).Corrupt(Fixed, Tokens, rng), Tokens)).ToList();
    }

    static string Text(IEnumerable<long> tokens) => string.Concat(tokens.Select(t => t == TrainingSequence.Ignore ? "_" : Tokens.TokenText((int)t) switch
    {
        "<eos>" => "$", "<pad>" => "#", "<bos>" => "^", var s => s,
    }));

    static string Inputs(TrainingSequence s) => Text(s.Inputs.Select(t => (long)t));

    [Test]
    public void TheCleanSequenceIsBosPromptLabelEosWithTheLossOnTheLabelAndEos()
    {
        Assert.That(Inputs(Clean), Is.EqualTo("^4321+789=12220$"));
        Assert.That(Text(Clean.Targets), Is.EqualTo("__________12220$"));
        Assert.That(TrainingSequence.Parse(Clean.Render(Tokens), Tokens), Is.EqualTo(Clean).Using<TrainingSequence>((a, b) =>
            a.Inputs.SequenceEqual(b.Inputs) && a.Targets.SequenceEqual(b.Targets)), "the ledger's text reads back as the same tokens");
    }

    [Test]
    public void UniformMakesEverypositionARandomDigitPromptBosAndTargetsIncluded()
    {
        var corrupted = Corruptions("official-uniform");
        foreach (var s in corrupted)
        {
            Assert.That(Inputs(s), Does.Match("^[0-9]{16}$"));
            Assert.That(Text(s.Targets), Does.Match("^[0-9]{16}$"), "the ignored prompt targets become digits too: the loss covers everything");
        }
        Assert.That(corrupted.Count(s => Inputs(s) != Text(s.Targets)), Is.EqualTo(300), "inputs and targets are drawn apart");
    }

    [Test]
    public void DropRemovesOneToThreeOfTheLastThreePositionsAndAppendsAsManyPad()
    {
        var inputs = Corruptions("official-drop").Select(Inputs).ToHashSet();
        // The last three are '2', '0', EOS: each subset of 1-3 of them dropped, PAD appended.
        Assert.That(inputs, Is.EquivalentTo(new[]
        {
            "^4321+789=1220$#", "^4321+789=1222$#", "^4321+789=12220#",
            "^4321+789=122$##", "^4321+789=1220##", "^4321+789=1222##",
            "^4321+789=122###",
        }));
        Assert.That(Corruptions("official-drop").Select(s => Text(s.Targets)), Is.All.StartWith("__________122").And.Length.EqualTo(16));
    }

    [Test]
    public void PerturbMovesOneToThreeOfTheLastThreeByMinusOneZeroOrOneClippedToTheDigits()
    {
        var inputs = Corruptions("official-perturb").Select(Inputs).ToList();
        Assert.That(inputs, Is.All.StartWith("^4321+789=122"));
        // '2' -> 1, 2 or 3; '0' -> 0 or 1 (clipped, never 9); EOS (below the digits) -> '0' whatever it drew.
        Assert.That(inputs.Select(s => s[13]).Distinct().Order(), Is.EqualTo("123".ToCharArray()));
        Assert.That(inputs.Select(s => s[14]).Distinct().Order(), Is.EqualTo("01".ToCharArray()));
        Assert.That(inputs.Select(s => s[15]).Distinct().Order(), Is.EqualTo("$0".ToCharArray()), "EOS stays or becomes '0'");
    }

    [Test]
    public void DropPerturbPerturbsThenDrops()
    {
        var inputs = Corruptions("official-drop-perturb").Select(Inputs).ToList();
        Assert.That(inputs, Is.All.StartWith("^4321+789=12").And.Length.EqualTo(16));
        Assert.That(inputs, Is.All.Match("#$"), "something is always dropped, so PAD ends the sequence");
        Assert.That(inputs, Has.Some.Match("^\\^4321\\+789=122[0-9]{2}#$"), "EOS perturbed into a digit and kept, another position dropped");
    }

    [Test]
    public void DigitOnlyKindsKeepTheirNamesApartFromTheOfficialOnes()
    {
        Assert.That(SpecKinds.Builtin.Noises.Select(n => n.Name), Is.EqualTo(new[]
        {
            "official-uniform", "official-drop", "official-perturb", "official-drop-perturb",
            "digits-random", "digits-drop", "digits-perturb", "digits-both",
        }));
        // Runner's perturb never touches EOS: the label stays a well-formed wrong answer.
        Assert.That(SpecKinds.Builtin.Noise("digits-perturb").Corrupt(Fixed, Tokens, new Random(1)), Does.Match("^12[0-9]{3}$"));
    }
}
