using Runner.Core.Model;
using Runner.Core.Tasks;

namespace Runner.Core.Noise;

/// <summary>
/// Runner's digit-only corruptions for the error-avalanche study. They act on the label's digits
/// and leave every other character (`+`, `(`, `>`, ...) and EOS where they are, so a corrupted
/// label is still a well-formed answer that is wrong, the error the paper's argument is about:
/// digits-random: every digit replaced by a uniformly random one (a random label of the same shape);
/// digits-drop: 1-3 of the last 3 digits removed;
/// digits-perturb: 1-3 of the last 3 digits moved by +1 or -1 (mod 10);
/// digits-both: perturbed, then dropped.
/// The official code's corruptions, which also hit EOS and the prompt, are <see cref="OfficialCorruption"/>'s.
/// </summary>
public static class LabelCorruption
{
    /// <summary>The corruption kinds a spec's self_improve.noise.kind may name, in the order error messages list them.</summary>
    public static readonly IReadOnlyList<NoiseKind> Kinds =
    [
        .. OfficialCorruption.Kinds,
        Digits("digits-random", RandomDigits),
        Digits("digits-drop", Drop),
        Digits("digits-perturb", Perturb),
        Digits("digits-both", (label, rng) => Drop(Perturb(label, rng), rng)),
    ];

    static NoiseKind Digits(string name, Func<string, Random, string> corrupt) => new(name, (example, _, rng) => corrupt(example.Answer, rng));

    /// <summary>A digit-only corruption of a label on its own.</summary>
    public static string Corrupt(string label, string kind, Random rng) =>
        (Kinds.FirstOrDefault(k => k.Name == kind && k.Name.StartsWith("digits-", StringComparison.Ordinal))
            ?? throw new ArgumentException($"unknown digit corruption '{kind}'"))
        .Corrupt(new Example("", label), null!, rng);

    static string RandomDigits(string label, Random rng) =>
        new(label.Select(c => char.IsAsciiDigit(c) ? (char)('0' + rng.Next(10)) : c).ToArray());

    static string Drop(string label, Random rng)
    {
        var chosen = ChooseAmongLastDigits(label, rng);
        return new string(label.Where((_, i) => !chosen.Contains(i)).ToArray());
    }

    static string Perturb(string label, Random rng)
    {
        var chars = label.ToCharArray();
        foreach (int i in ChooseAmongLastDigits(label, rng))
            chars[i] = (char)('0' + (chars[i] - '0' + (rng.Next(2) == 0 ? 1 : 9)) % 10);
        return new string(chars);
    }

    /// <summary>Positions of 1-3 (uniformly) distinct digits among the label's last three digits.</summary>
    static HashSet<int> ChooseAmongLastDigits(string label, Random rng)
    {
        var last = Enumerable.Range(0, label.Length).Where(i => char.IsAsciiDigit(label[i])).TakeLast(3).ToList();
        int count = Math.Min(last.Count, 1 + rng.Next(3));
        var chosen = new HashSet<int>();
        while (chosen.Count < count) chosen.Add(last[rng.Next(last.Count)]);
        return chosen;
    }
}

/// <summary>
/// One way to corrupt a kept label, as self_improve.noise.kind names it: from the example (prompt
/// and kept label) it returns what the model trains on instead, a label or a rendered
/// <see cref="Training.TrainingSequence"/>.
/// </summary>
public sealed record NoiseKind(string Name, Func<Example, Tokenizer, Random, string> Corrupt);
