namespace Runner.Core.Specs;

/// <summary>
/// Where a key or value was written: its 1-based line and column, and the key path of the
/// arm override it came from ("arms[1]"), or "" when it came from the base spec. A value given
/// on the command line instead has <see cref="Override"/>, the flag as typed ("--set seeds=[1]"),
/// line 0 and, as column, the flag's place among the overrides.
/// </summary>
public readonly record struct SpecPosition(int Line, int Column, string Prefix)
{
    /// <summary>The command-line override this was written in, or "" when it was written in the file.</summary>
    public string Override { get; init; } = "";

    /// <summary>The key path as the user wrote it: "model.layers" inside arm 1 reads "arms[1].model.layers".</summary>
    public string PathOf(string keyPath) =>
        Prefix == "" ? keyPath : keyPath == "" ? Prefix : $"{Prefix}.{keyPath}";
}
