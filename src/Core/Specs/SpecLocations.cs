namespace Runner.Core.Specs;

/// <summary>
/// Key path -> where it was written, recorded while binding, so that semantic errors found
/// later (SpecValidator) still point at a line. Paths look like "self_improve.filters[0].kind".
/// </summary>
public sealed class SpecLocations
{
    readonly Dictionary<string, SpecPosition> _at = new();

    internal void Record(string keyPath, SpecPosition at) => _at[keyPath] = at;

    /// <summary>Whether the spec wrote this key (rather than leaving it at its default).</summary>
    public bool IsWritten(string keyPath) => _at.ContainsKey(keyPath);

    /// <summary>
    /// Where keyPath was written or, for a key left at its default, its nearest written
    /// ancestor; line 1, column 1 when nothing on the way was written.
    /// </summary>
    public SpecPosition Find(string keyPath)
    {
        for (var path = keyPath; ; path = Parent(path))
        {
            if (_at.TryGetValue(path, out var at)) return at;
            if (path == "") return new SpecPosition(1, 1, "");
        }
    }

    // "a.b[2].c" -> "a.b[2]" -> "a.b" -> "a" -> "".
    static string Parent(string path) =>
        path[..Math.Max(0, Math.Max(path.LastIndexOf('.'), path.LastIndexOf('[')))];
}
