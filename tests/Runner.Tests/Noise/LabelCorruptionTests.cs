using NUnit.Framework;
using Runner.Core.Model;
using Runner.Core.Noise;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Tests.Noise;

public class LabelCorruptionTests
{
    const string Label = "83680+040470(876280)+0007160=8769960";

    static IEnumerable<string> Corruptions(string kind, string label = Label)
    {
        var rng = new Random(11);
        return Enumerable.Range(0, 300).Select(_ => LabelCorruption.Corrupt(label, kind, rng)).ToList();
    }

    static string NonDigits(string s) => new(s.Where(c => !char.IsAsciiDigit(c)).ToArray());

    [Test]
    public void RandomReplacesEveryDigitAndKeepsTheShape()
    {
        var corrupted = Corruptions("digits-random", "12220").ToList();
        Assert.That(corrupted, Is.All.Match("^[0-9]{5}$"));
        Assert.That(corrupted.Distinct().Count(), Is.GreaterThan(250), "uniform over 10^5 labels");
        Assert.That(Corruptions("digits-random").Select(NonDigits), Is.All.EqualTo(NonDigits(Label)));
        // Every position takes every digit.
        foreach (int i in Enumerable.Range(0, 5))
            Assert.That(corrupted.Select(c => c[i]).Distinct().Count(), Is.EqualTo(10));
    }

    [Test]
    public void DropRemovesOneToThreeOfTheLastThreeDigits()
    {
        var seen = new HashSet<int>();
        foreach (var c in Corruptions("digits-drop", "1234567"))
        {
            int dropped = 7 - c.Length;
            seen.Add(dropped);
            Assert.That(c[..4], Is.EqualTo("1234"), "digits before the last three stay");
            Assert.That(IsSubsequence(c[4..], "567"), Is.True, c);
        }
        Assert.That(seen, Is.EquivalentTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public void PerturbMovesOneToThreeOfTheLastThreeDigitsByOne()
    {
        var seen = new HashSet<int>();
        foreach (var c in Corruptions("digits-perturb", "1234590"))
        {
            Assert.That(c, Has.Length.EqualTo(7));
            Assert.That(c[..4], Is.EqualTo("1234"));
            var moved = Enumerable.Range(4, 3).Where(i => c[i] != "1234590"[i]).ToList();
            seen.Add(moved.Count);
            foreach (int i in moved)
                Assert.That((c[i] - "1234590"[i] + 10) % 10, Is.AnyOf(1, 9), $"{c}: +-1 mod 10 at {i}");
        }
        Assert.That(seen, Is.EquivalentTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public void OnlyDigitsAreTouchedInAScratchpad()
    {
        // The last three digits of the scratchpad are in the product, after '='.
        foreach (var c in Corruptions("digits-perturb"))
            Assert.That(c[..^3], Is.EqualTo(Label[..^3]), c);
        foreach (var c in Corruptions("digits-both"))
        {
            Assert.That(c, Does.StartWith(Label[..^3]), c);
            Assert.That(c.Length, Is.InRange(Label.Length - 3, Label.Length - 1), "both drops 1-3 digits");
        }
    }

    [Test]
    public void TheLastThreeDigitsMaySpanSeparators()
    {
        // A 1x1 scratchpad's last three digits straddle '=': "9*9=18=81" is not a real label, but
        // the rule is about digits, not characters, so '=' must stay where it is.
        const string label = "18=81";
        foreach (var kind in new[] { "digits-perturb", "digits-drop", "digits-both" })
            foreach (var c in Corruptions(kind, label))
            {
                Assert.That(c[0], Is.EqualTo('1'), $"{kind}: {c}: only the last three digits move");
                Assert.That(c.Count(ch => ch == '='), Is.EqualTo(1), $"{kind}: {c}");
            }
        Assert.That(Corruptions("digits-perturb", label).Select(c => c.IndexOf('=')), Is.All.EqualTo(2), "perturb keeps every position");
    }

    [Test]
    public void InjectionCorruptsExactlyTheFractionAtItsRoundOnly()
    {
        var kept = Enumerable.Range(0, 200).Select(i => new Example("1234=", (1000 + i).ToString())).ToList();
        var tokenizer = new Tokenizer(StringTask.Copy().Vocabulary);
        var noise = new NoiseInjection(new NoiseSpec { Round = 3, Fraction = 0.15, Kind = "digits-perturb" }, SpecKinds.Builtin.Noise("digits-perturb"));

        Assert.That(noise.Corrupt(2, kept, tokenizer, new Random(1)), Is.Empty);
        var corrupted = noise.Corrupt(3, kept, tokenizer, new Random(1));
        Assert.That(corrupted, Has.Count.EqualTo(30));
        foreach (var (index, label) in corrupted)
            Assert.That(label, Is.Not.EqualTo(kept[index].Answer));
        Assert.That(noise.Corrupt(3, kept, tokenizer, new Random(1)), Is.EqualTo(corrupted), "the same stream corrupts the same labels");
    }

    static bool IsSubsequence(string part, string of)
    {
        int j = 0;
        foreach (char c in of) if (j < part.Length && part[j] == c) j++;
        return j == part.Length;
    }
}
