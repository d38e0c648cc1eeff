using System.Globalization;

namespace Runner.Core.Tasks;

/// <summary>
/// How hard a problem is (the paper's tasks): one number (digits, string length, hops, node
/// count), or for multiplication a pair (digits of a, digits of b), written "5x6". Ints convert
/// implicitly, so one-number tasks read as before. <see cref="Size"/> is what windows and the
/// frontier count in: the number itself, or the larger side of a pair.
/// </summary>
public readonly record struct Difficulty(int A, int B = 0) : IComparable<Difficulty>
{
    public bool IsPair => B > 0;

    /// <summary>The number, or the larger side of a pair: a 5x6 problem is as far out as a 6x6 one.</summary>
    public int Size => Math.Max(A, B);

    public static implicit operator Difficulty(int n) => new(n);

    public static Difficulty Pair(int a, int b) => new(a, b);

    /// <summary>By size, then by first and second number, so grids read row by row.</summary>
    public int CompareTo(Difficulty other) =>
        Size != other.Size ? Size.CompareTo(other.Size) : A != other.A ? A.CompareTo(other.A) : B.CompareTo(other.B);

    public override string ToString() => IsPair
        ? string.Create(CultureInfo.InvariantCulture, $"{A}x{B}")
        : A.ToString(CultureInfo.InvariantCulture);

    /// <summary>"12" or "5x6"; null when the text is neither.</summary>
    public static Difficulty? TryParse(string text)
    {
        var parts = text.Trim().Split('x');
        if (parts.Length is < 1 or > 2) return null;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int a) || a < 1) return null;
        if (parts.Length == 1) return new Difficulty(a);
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int b) || b < 1) return null;
        return new Difficulty(a, b);
    }

    public static Difficulty Parse(string text) =>
        TryParse(text) ?? throw new FormatException($"'{text}' is not a difficulty (expected a number like 12 or a pair like 5x6)");

    /// <summary>A comma-separated list, as the ledger's rounds table and explicit schedules write it.</summary>
    public static IReadOnlyList<Difficulty> ParseList(string text) =>
        text.Length == 0 ? [] : text.Split(',').Select(Parse).ToList();

    public static string Join(IEnumerable<Difficulty> difficulties) => string.Join(",", difficulties);

    public static bool operator <(Difficulty l, Difficulty r) => l.CompareTo(r) < 0;
    public static bool operator >(Difficulty l, Difficulty r) => l.CompareTo(r) > 0;
}
