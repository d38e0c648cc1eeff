namespace Runner.Core.Specs;

/// <summary>
/// One problem in a spec file, located at the key that causes it. ToString is the
/// compiler-style line editors and terminals recognise: <c>file:line:col: key.path: message</c>;
/// for a value given on the command line, the flag instead of the line and column:
/// <c>file: --set key.path=value: key.path: message</c>.
/// </summary>
public sealed record SpecError(string File, int Line, int Column, string KeyPath, string Message)
{
    /// <summary>The command-line override the problem is in ("--set training.batch=abc"), or "" for the file.</summary>
    public string Override { get; init; } = "";

    /// <summary>A problem at <paramref name="at"/>, in the file or in an override.</summary>
    public static SpecError At(string file, SpecPosition at, string keyPath, string message) =>
        new(file, at.Line, at.Column, keyPath, message) { Override = at.Override ?? "" };

    /// <summary>One line, always: a line break in quoted spec text (a key, a value) is shown as \n.</summary>
    public override string ToString() =>
        OneLine(Override.Length > 0 ? $"{File}: {Override}: {KeyPath}: {Message}" : $"{File}:{Line}:{Column}: {KeyPath}: {Message}");

    static string OneLine(string text) => text.Replace("\r", "\\r").Replace("\n", "\\n");
}
