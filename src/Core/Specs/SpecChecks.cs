using static System.FormattableString;

namespace Runner.Core.Specs;

/// <summary>
/// Collects a spec's semantic errors, each located through the binder's locations at the key it
/// is about (or its nearest written ancestor). The validator and every declared kind
/// (<see cref="ISpecKind{TSection}"/>) check through it, so all errors read alike.
/// </summary>
public sealed class SpecChecks(string file, SpecLocations at)
{
    public List<SpecError> Errors { get; } = [];

    /// <summary>Whether the spec wrote this key rather than leaving it at its default.</summary>
    public bool IsWritten(string path) => at.IsWritten(path);

    public bool HasErrorsUnder(string path) => Errors.Any(e => e.KeyPath.Contains(path, StringComparison.Ordinal));

    public void Check(bool ok, string path, string message)
    {
        if (ok) return;
        var where = at.Find(path);
        Errors.Add(SpecError.At(file, where, where.PathOf(path), message));
    }

    public void AtLeast(int value, int min, string path) =>
        Check(value >= min, path, Invariant($"must be at least {min} (got {value})"));

    public void AtLeast(double value, double min, string path) =>
        Check(value >= min, path, Invariant($"must be at least {min} (got {value})"));

    public void AtMost(int value, int max, string path) =>
        Check(value <= max, path, Invariant($"must be at most {max} (got {value})"));

    public void Positive(double value, string path) =>
        Check(value > 0, path, Invariant($"must be greater than 0 (got {value})"));

    public void Between(double value, double min, double max, string path) =>
        Check(value >= min && value <= max, path, Invariant($"must be between {min} and {max} (got {value})"));

    public void AtLeastZeroBelowOne(double value, string path) =>
        Check(value >= 0 && value < 1, path, Invariant($"must be at least 0 and less than 1 (got {value})"));

    public void AboveZeroAtMostOne(double value, string path) =>
        Check(value > 0 && value <= 1, path, Invariant($"must be greater than 0 and at most 1 (got {value})"));

    /// <summary>A key the spec wrote with a value other than its default, though nothing reads it: an error, as the user surely meant something.</summary>
    public void Unused<T>(T value, T byDefault, string path, string message) =>
        Check(!at.IsWritten(path) || EqualityComparer<T>.Default.Equals(value, byDefault), path, message);

    /// <summary>An enum-like string: "required", or unknown with a did-you-mean / the choices.</summary>
    public void OneOf(string value, IReadOnlyList<string> allowed, string path)
    {
        if (allowed.Contains(value)) return;
        Check(false, path, value == ""
            ? $"required (expected one of: {string.Join(", ", allowed)})"
            : $"unknown value '{value}' {Suggestions.Hint(value, allowed)}");
    }

    /// <summary>
    /// A section that names one of <paramref name="kinds"/> (a filter, a schedule): the name must be
    /// declared; with <paramref name="onlyItsKeys"/>, keys of the section the kind does not read
    /// must be left at their defaults (the canonical spec writes every key); then the kind checks
    /// its own keys. Returns the kind, or null when the name is not one.
    /// </summary>
    public TKind? Kind<TSection, TKind>(TSection section, string name, IReadOnlyList<TKind> kinds, string path, SpecContext context, bool onlyItsKeys)
        where TSection : class, new() where TKind : class, ISpecKind<TSection>
    {
        OneOf(name, kinds.Select(k => k.Name).ToList(), $"{path}.kind");
        if (kinds.FirstOrDefault(k => k.Name == name) is not { } kind) return null;
        var byDefault = new TSection();
        string takes = kind.Keys.Count == 0 ? ", which takes no other key" : $" (it takes {string.Join(", ", kind.Keys)})";
        foreach (var (key, property) in onlyItsKeys ? SpecKeys.Of(typeof(TSection)) : [])
            if (key != "kind" && !kind.Keys.Contains(key))
                Unused(property.GetValue(section), property.GetValue(byDefault), $"{path}.{key}", $"does not apply to kind '{name}'{takes}");
        kind.Validate(section, path, this, context);
        return kind;
    }
}
