namespace Runner.Core.Noise;

/// <summary>
/// The four ways the paper's error analysis corrupts a label for the error-avalanche study. They act on
/// the label's digits and leave every other character (`+`, `(`, `>`, ...) where it is:
/// random: every digit replaced by a uniformly random one (a random label of the same shape);
/// drop: 1-3 of the last 3 digits removed;
/// perturb: 1-3 of the last 3 digits moved by +1 or -1 (mod 10);
/// both: perturbed, then dropped.
/// </summary>
public static class LabelCorruption
{
    /// <summary>The corruption kinds a spec's self_improve.noise.kind may name, in the order error messages list them.</summary>
    public static readonly IReadOnlyList<NoiseKind> Kinds =
    [
        new("random", RandomDigits),
        new("drop", Drop),
        new("perturb", Perturb),
        new("both", (label, rng) => Drop(Perturb(label, rng), rng)),
    ];

    public static string Corrupt(string label, string kind, Random rng) =>
        (Kinds.FirstOrDefault(k => k.Name == kind)
            ?? throw new ArgumentException($"unknown corruption '{kind}' (expected one of: {string.Join(", ", Kinds.Select(k => k.Name))})"))
        .Corrupt(label, rng);

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

/// <summary>One way to corrupt a kept label, as self_improve.noise.kind names it.</summary>
public sealed record NoiseKind(string Name, Func<string, Random, string> Corrupt);
