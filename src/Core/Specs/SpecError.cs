namespace Runner.Core.Specs;

/// <summary>
/// One problem in a spec file, located at the key that causes it. ToString is the
/// compiler-style line editors and terminals recognise: <c>file:line:col: key.path: message</c>.
/// </summary>
public sealed record SpecError(string File, int Line, int Column, string KeyPath, string Message)
{
    /// <summary>One line, always: a line break in quoted spec text (a key, a value) is shown as \n.</summary>
    public override string ToString() => OneLine($"{File}:{Line}:{Column}: {KeyPath}: {Message}");

    static string OneLine(string text) => text.Replace("\r", "\\r").Replace("\n", "\\n");
}
