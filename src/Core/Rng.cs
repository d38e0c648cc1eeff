namespace Runner.Core;

/// <summary>
/// xoshiro256** as a <see cref="Random"/>: the same quality of numbers, but its whole state is
/// four integers that a checkpoint can save and restore, so a resumed run draws exactly what an
/// uninterrupted one would have drawn. Seeded through SplitMix64, as its authors recommend.
/// </summary>
public sealed class Rng : Random
{
    ulong s0, s1, s2, s3;

    public Rng(int seed)
    {
        ulong x = (ulong)(uint)seed;
        s0 = SplitMix(ref x); s1 = SplitMix(ref x); s2 = SplitMix(ref x); s3 = SplitMix(ref x);
    }

    Rng(ulong[] state) => Restore(state);

    public static Rng FromState(ulong[] state) => new(state);

    public ulong[] State => [s0, s1, s2, s3];

    void Restore(ulong[] state)
    {
        if (state.Length != 4 || state.All(v => v == 0)) throw new ArgumentException("an Rng state is four integers, not all zero");
        (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3]);
    }

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    public override int Next() => (int)(NextUInt64() >> 33);

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)NextBelow((ulong)maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (int)((long)minValue + (long)NextBelow((ulong)((long)maxValue - minValue)));
    }

    public override long NextInt64() => (long)(NextUInt64() >> 1);

    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    protected override double Sample() => NextDouble();

    public override void NextBytes(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)(NextUInt64() >> 56);
    }

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    /// <summary>Uniform in [0, bound) without modulo bias (Lemire's method).</summary>
    ulong NextBelow(ulong bound)
    {
        if (bound == 0) return 0;
        ulong threshold = (0 - bound) % bound;
        while (true)
        {
            ulong high = Math.BigMul(NextUInt64(), bound, out ulong low);
            if (low >= threshold) return high;
        }
    }

    static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
