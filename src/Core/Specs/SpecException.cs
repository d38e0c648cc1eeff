namespace Runner.Core.Specs;

/// <summary>A spec that failed to load, with every problem found (not only the first).</summary>
public sealed class SpecException(IReadOnlyList<SpecError> errors)
    : Exception(string.Join("\n", errors))
{
    public IReadOnlyList<SpecError> Errors { get; } = errors;
}
