using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Runner.Core.Specs;

/// <summary>
/// Command-line overrides, `--set key.path=value` (repeatable): one run with a key changed,
/// without editing the spec. The value is YAML (`64`, `[1, 2]`, `{kind: accelerated}`; nothing
/// after `=` is YAML's null). The overrides apply to every arm after the arm's own overrides,
/// so the command line has the last word (`--set seeds=[1]` runs one seed in every arm), and
/// to the base spec. They are bound and validated as if the file had written them there; their
/// errors name the flag instead of a line.
/// </summary>
internal static class SpecOverrides
{
    static readonly Regex KeyPath = new("^[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*$");

    /// <summary>
    /// The overrides as one tree to merge over a spec's mapping (later flags win over earlier
    /// ones); malformed flags are reported in <paramref name="errors"/> and left out.
    /// </summary>
    public static SpecNode Tree(IReadOnlyList<string> overrides, string file, List<SpecError> errors)
    {
        var tree = SpecNode.EmptyMapping(new SpecPosition(1, 1, ""));
        for (int i = 0; i < overrides.Count; i++)
            if (Parse(overrides[i], i, file, errors) is { } one)
                tree = SpecNode.Merge(tree, one);
        return tree;
    }

    // One flag as a tree from the root ("training.batch=8" -> {training: {batch: 8}}), or null after an error.
    static SpecNode? Parse(string text, int index, string file, List<SpecError> errors)
    {
        var at = new SpecPosition(0, index + 1, "") { Override = $"--set {text}" };
        int equals = text.IndexOf('=');
        string key = equals < 0 ? text : text[..equals];
        if (equals <= 0)
            return Fail(errors, file, at, key, "expected KEY.PATH=VALUE, e.g. --set training.batch=64");
        if (!KeyPath.IsMatch(key))
            return Fail(errors, file, at, key, "expected a key path of names joined by dots, e.g. training.round0.steps (a list is set whole: seeds=[1,2])");
        if (key == "arms" || key.StartsWith("arms.", StringComparison.Ordinal))
            return Fail(errors, file, at, key, "arms cannot be set: --set already applies to every arm (set the key itself, e.g. training.batch=64)");
        if (Value(text[(equals + 1)..], at, out var problem) is not { } value)
            return Fail(errors, file, at, key, problem);

        foreach (var name in key.Split('.').Reverse())
            value = new SpecNode(SpecNodeKind.Mapping, at) { Entries = [new SpecEntry(name, at, value)] };
        return value;
    }

    // The value's YAML as a node placed at the flag, or null with the problem.
    static SpecNode? Value(string yaml, SpecPosition at, out string problem)
    {
        problem = "";
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            problem = $"the value is not valid YAML ({(e.Message.Length > 0 ? char.ToLowerInvariant(e.Message[0]) + e.Message[1..].TrimEnd('.') : "invalid YAML")})";
            return null;
        }
        if (stream.Documents.Count == 0) return new SpecNode(SpecNodeKind.Null, at);
        if (stream.Documents.Count > 1)
        {
            problem = $"expected one YAML value, found {stream.Documents.Count} documents";
            return null;
        }
        try
        {
            return SpecNode.From(stream.Documents[0].RootNode).Everywhere(at);
        }
        catch (SpecNode.TooLargeException e)
        {
            problem = e.Message;
            return null;
        }
    }

    static SpecNode? Fail(List<SpecError> errors, string file, SpecPosition at, string key, string message)
    {
        errors.Add(SpecError.At(file, at, key.Length > 0 ? key : "(set)", message));
        return null;
    }
}
