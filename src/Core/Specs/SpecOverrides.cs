using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Runner.Core.Specs;

/// <summary>
/// Command-line overrides, `--set key.path=value` (repeatable): one run with a key changed,
/// without editing the spec. Each is exactly an edit of the file: `--set training.batch=64`
/// sets the key in the base spec, which every arm inherits unless the arm sets that key itself;
/// `--set arms.NAME.training.batch=64` sets it in arm NAME. The value is YAML (`64`, `[1, 2]`,
/// `{kind: accelerated}`; nothing after `=` is YAML's null). Overrides are bound and validated
/// as the file is; their errors name the flag instead of a line.
/// </summary>
internal static class SpecOverrides
{
    static readonly Regex KeyPath = new("^[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*$");
    static readonly Regex ArmKeyPath = new("^arms\\.([a-z0-9_-]+)\\.([A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*)$");

    /// <summary>
    /// The overrides as one tree to merge over the base mapping, with `arms` as a mapping from an
    /// arm's name to the tree to merge over its own overrides (later flags win over earlier ones);
    /// malformed flags are reported in <paramref name="errors"/> and left out.
    /// </summary>
    public static SpecNode Tree(IReadOnlyList<string> overrides, string file, List<SpecError> errors)
    {
        var tree = SpecNode.EmptyMapping(new SpecPosition(1, 1, ""));
        for (int i = 0; i < overrides.Count; i++)
            if (Parse(overrides[i], i, file, errors) is { } one)
                tree = SpecNode.Merge(tree, one);
        return tree;
    }

    /// <summary>The tree without its arms' overrides, and those by arm name (each placed at the first flag that names the arm).</summary>
    public static (SpecNode Base, IReadOnlyDictionary<string, SpecNode> Arms) Split(SpecNode tree) =>
        (tree with { Entries = tree.Entries.Where(e => e.Key != "arms").ToList() },
         tree.Entries.Where(e => e.Key == "arms").SelectMany(e => e.Value.Entries).ToDictionary(e => e.Key, e => e.Value));

    // One flag as a tree from the root ("training.batch=8" -> {training: {batch: 8}}), or null after an error.
    static SpecNode? Parse(string text, int index, string file, List<SpecError> errors)
    {
        var at = new SpecPosition(0, index + 1, "") { Override = $"--set {text}" };
        int equals = text.IndexOf('=');
        string key = equals < 0 ? text : text[..equals];
        if (equals <= 0)
            return Fail(errors, file, at, key, "expected KEY.PATH=VALUE, e.g. --set training.batch=64");
        bool inArm = key.StartsWith("arms.", StringComparison.Ordinal);
        var arm = ArmKeyPath.Match(key);
        if (inArm ? !arm.Success : !KeyPath.IsMatch(key))
            return Fail(errors, file, at, key, inArm
                ? "expected arms.NAME.KEY.PATH, e.g. arms.baseline.training.batch=64"
                : "expected a key path of names joined by dots, e.g. training.round0.stable (a list is set whole: seeds=[1,2])");
        if (key == "arms")
            return Fail(errors, file, at, key, "arms cannot be set whole: set a key of every arm (training.batch=64) or of one (arms.NAME.training.batch=64)");
        if (inArm && arm.Groups[2].Value.Split('.')[0] is "name" or "arms")
            return Fail(errors, file, at, key, $"an arm's {arm.Groups[2].Value.Split('.')[0]} cannot be set");
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
