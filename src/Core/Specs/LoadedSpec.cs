namespace Runner.Core.Specs;

/// <summary>
/// A spec file after loading: the base spec (the file without its arms) and the arms to run,
/// each fully resolved and validated.
/// </summary>
public sealed record LoadedSpec(string Path, Spec Base, IReadOnlyList<Arm> Arms);
