namespace Runner.Core.Specs;

/// <summary>The closing hint of an "unknown key/value" message: the likely intended word, or the choices.</summary>
internal static class Suggestions
{
    /// <summary>"(did you mean 'layers'?)" for a near miss, else "(expected one of: a, b, c)".</summary>
    public static string Hint(string given, IReadOnlyList<string> choices)
    {
        var best = Closest(given, choices);
        return best is null
            ? $"(expected one of: {string.Join(", ", choices)})"
            : $"(did you mean '{best}'?)";
    }

    // A typo is at most two edits away, and fewer edits than the word is long (so "x" does not suggest "k").
    static string? Closest(string given, IReadOnlyList<string> choices)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var choice in choices)
        {
            var d = Levenshtein(given.ToLowerInvariant(), choice.ToLowerInvariant());
            if (d <= 2 && d < choice.Length && d < bestDistance) (best, bestDistance) = (choice, d);
        }
        return best;
    }

    static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
