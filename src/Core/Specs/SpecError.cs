namespace Runner.Core.Specs;

/// <summary>
/// One problem in a spec file, located at the key that causes it. ToString is the
/// compiler-style line editors and terminals recognise: <c>file:line:col: key.path: message</c>.
/// </summary>
public sealed record SpecError(string File, int Line, int Column, string KeyPath, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {KeyPath}: {Message}";
}
