using Runner.Core.Model;
using Runner.Core.Tasks;
using Runner.Core.Training;

namespace Runner.Core.Noise;

/// <summary>
/// The official code's corruptions (JackCai1206/arithmetic-self-improve, lib/data_utils.py:415-450,
/// `add_noise`), token for token. The training example's input tokens (BOS + prompt + label + EOS)
/// and its targets (ignored on the prompt, then label + EOS) are corrupted apart, each with its
/// own draws, over the last three token positions, EOS included:
/// official-uniform: every position a random digit, BOS and prompt included (the targets too,
///   so the loss covers the whole sequence);
/// official-drop: 1-3 of the last 3 positions removed and as many PAD appended (PAD becomes a target);
/// official-perturb: 1-3 of the last 3 positions moved by -1, 0 or +1 and clipped to the digit
///   tokens, so EOS becomes a digit and a '0' may stay;
/// official-drop-perturb: perturbed, then dropped.
/// </summary>
public static class OfficialCorruption
{
    public static readonly IReadOnlyList<NoiseKind> Kinds =
    [
        Official("official-uniform", Uniform),
        Official("official-drop", Drop),
        Official("official-perturb", Perturb),
        Official("official-drop-perturb", (sequence, digits, rng) => Drop(Perturb(sequence, digits, rng), digits, rng)),
    ];

    static NoiseKind Official(string name, Func<IReadOnlyList<long>, IReadOnlyList<long>, Random, IReadOnlyList<long>> corrupt) =>
        new(name, (example, tokenizer, rng) => Corrupt(example, tokenizer, rng, corrupt).Render(tokenizer));

    /// <summary>The example's tokens with inputs, then targets, corrupted (the order `add_noise` takes its keys).</summary>
    public static TrainingSequence Corrupt(Example example, Tokenizer tokenizer, Random rng,
        Func<IReadOnlyList<long>, IReadOnlyList<long>, Random, IReadOnlyList<long>> corrupt)
    {
        var clean = TrainingSequence.Of(example, tokenizer);
        var digits = Enumerable.Range(0, 10).Select(d => (long)tokenizer.Id(d.ToString())).ToList();
        var inputs = corrupt(clean.Inputs.Select(t => (long)t).ToList(), digits, rng);
        var targets = corrupt(clean.Targets, digits, rng);
        return new TrainingSequence(inputs.Select(t => (int)t).ToList(), targets);
    }

    public static IReadOnlyList<long> Uniform(IReadOnlyList<long> sequence, IReadOnlyList<long> digits, Random rng) =>
        sequence.Select(_ => digits[rng.Next(digits.Count)]).ToList();

    public static IReadOnlyList<long> Drop(IReadOnlyList<long> sequence, IReadOnlyList<long> digits, Random rng)
    {
        var dropped = AmongLastThree(sequence.Count, rng);
        return [.. sequence.Where((_, i) => !dropped.Contains(i)), .. Enumerable.Repeat((long)Tokenizer.Pad, dropped.Count)];
    }

    public static IReadOnlyList<long> Perturb(IReadOnlyList<long> sequence, IReadOnlyList<long> digits, Random rng)
    {
        var moved = AmongLastThree(sequence.Count, rng);
        // np.clip(tok + randint(-1, 1), min(digit_toks), max(digit_toks)): a token outside the digits lands on the nearer end.
        return sequence.Select((t, i) => moved.Contains(i) ? Math.Clamp(t + rng.Next(-1, 2), digits.Min(), digits.Max()) : t).ToList();
    }

    /// <summary>random.sample(range(len - 3, len), randint(1, 3)): 1-3 distinct positions among the last three.</summary>
    static HashSet<int> AmongLastThree(int length, Random rng)
    {
        int count = 1 + rng.Next(3);
        var last = Enumerable.Range(Math.Max(0, length - 3), Math.Min(3, length)).ToList();
        var chosen = new HashSet<int>();
        while (chosen.Count < Math.Min(count, last.Count)) chosen.Add(last[rng.Next(last.Count)]);
        return chosen;
    }
}
