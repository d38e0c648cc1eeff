using Runner.Core.Model;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Core.Noise;

/// <summary>
/// At the spec's round, corrupts exactly round(fraction x kept) of the kept labels, chosen at
/// random, with one corruption kind (the paper's filters). Other rounds are left alone.
/// </summary>
public sealed class NoiseInjection(NoiseSpec spec, NoiseKind kind)
{
    /// <summary>What the model trains on instead of a kept label, by index into <paramref name="kept"/>, for the corrupted ones.</summary>
    public IReadOnlyDictionary<int, string> Corrupt(int round, IReadOnlyList<Example> kept, Tokenizer tokenizer, Random rng)
    {
        if (round != spec.Round) return new Dictionary<int, string>();
        int count = (int)Math.Round(spec.Fraction * kept.Count, MidpointRounding.AwayFromZero);
        var indices = Enumerable.Range(0, kept.Count).ToArray();
        rng.Shuffle(indices);
        return indices.Take(count).Order().ToDictionary(i => i, i => kind.Corrupt(kept[i], tokenizer, rng));
    }
}
