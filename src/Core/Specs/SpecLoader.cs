using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Runner.Core.Specs;

/// <summary>
/// Loads a spec YAML file: parses it (keeping every node's line and column), splits off the
/// `arms:` list, applies the command line's `--set` overrides (<see cref="SpecOverrides"/>) to
/// the base and the arms as edits of the file, merges each arm's overrides over the base
/// mapping, binds and validates each result. Reports every problem at once, sorted into file
/// order (the overrides' first).
/// </summary>
public static class SpecLoader
{
    static readonly Regex ArmName = new("^[a-z0-9_-]+$");

    /// <summary>Loads and validates; throws SpecException listing every problem.</summary>
    public static LoadedSpec Load(string path, IReadOnlyList<string>? overrides = null) =>
        TryLoad(path, overrides ?? [], out var spec, out var errors) ? spec : throw new SpecException(errors);

    /// <summary>Loads and validates; on failure `errors` lists every problem, in file order.</summary>
    public static bool TryLoad(string path, [NotNullWhen(true)] out LoadedSpec? spec, out IReadOnlyList<SpecError> errors) =>
        TryLoad(path, [], out spec, out errors);

    /// <summary>
    /// Loads and validates with command-line overrides ("training.batch=64", as after --set);
    /// on failure `errors` lists every problem, in file order.
    /// </summary>
    public static bool TryLoad(string path, IReadOnlyList<string> overrides, [NotNullWhen(true)] out LoadedSpec? spec, out IReadOnlyList<SpecError> errors)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var message = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "file not found",
                ArgumentException or NotSupportedException => "not a file path",
                _ => $"cannot read: {e.Message}",
            };
            spec = null;
            errors = [new SpecError(path, 1, 1, "(file)", message)];
            return false;
        }
        return TryParse(text, path, overrides, out spec, out errors);
    }

    /// <summary>Parses YAML text as if read from `file` (used in errors); throws SpecException.</summary>
    public static LoadedSpec Parse(string yaml, string file, IReadOnlyList<string>? overrides = null) =>
        TryParse(yaml, file, overrides ?? [], out var spec, out var errors) ? spec : throw new SpecException(errors);

    /// <summary>Parses YAML text as if read from `file` (used in errors and LoadedSpec.Path).</summary>
    public static bool TryParse(string yaml, string file, [NotNullWhen(true)] out LoadedSpec? spec, out IReadOnlyList<SpecError> errors) =>
        TryParse(yaml, file, [], out spec, out errors);

    /// <summary>Parses YAML text as if read from `file`, with command-line overrides ("seeds=[1]").</summary>
    public static bool TryParse(string yaml, string file, IReadOnlyList<string> overrides, [NotNullWhen(true)] out LoadedSpec? spec, out IReadOnlyList<SpecError> errors) =>
        TryParse(yaml, file, overrides, SpecKinds.Builtin, out spec, out errors);

    /// <summary>As above, validating filters and schedules against <paramref name="kinds"/> (the built-in ones, or more: <see cref="SpecKinds.With(Filters.FilterKind)"/>).</summary>
    public static bool TryParse(string yaml, string file, IReadOnlyList<string> overrides, SpecKinds kinds, [NotNullWhen(true)] out LoadedSpec? spec, out IReadOnlyList<SpecError> errors)
    {
        var found = new List<SpecError>();
        var read = Read(yaml, file, overrides, kinds, found);
        // Arms share the base's text, so a base problem is found once per arm: report it once.
        errors = found.OrderBy(e => e.Line).ThenBy(e => e.Column).DistinctBy(e => e.ToString()).ToList();
        spec = errors.Count == 0 ? read : null;
        return spec is not null;
    }

    static LoadedSpec? Read(string yaml, string file, IReadOnlyList<string> overrides, SpecKinds kinds, List<SpecError> errors)
    {
        var (set, armSets) = SpecOverrides.Split(SpecOverrides.Tree(overrides, file, errors));
        if (ParseYaml(yaml, file, errors) is not { } root) return null;
        if (root.Kind == SpecNodeKind.Null) root = SpecNode.EmptyMapping(root.At); // an empty file: all defaults
        if (root.Kind != SpecNodeKind.Mapping)
        {
            errors.Add(new SpecError(file, root.At.Line, root.At.Column, "(root)", $"expected a mapping of spec keys (got {root.Describe()})"));
            return null;
        }

        var baseRoot = SpecNode.Merge(root with { Entries = root.Entries.Where(e => e.Key != "arms").ToList() }, set);
        var baseBinder = new SpecBinder(file);
        var baseSpec = baseBinder.Bind(baseRoot);
        errors.AddRange(baseBinder.Errors);

        // Only arms are validated: a base may leave out what every arm sets (e.g. task.kind).
        var arms = new List<Arm>();
        var validation = new List<(string Arm, SpecError Error)>();
        var trees = ArmTrees(root, baseRoot, armSets, file, errors);
        foreach (var (name, tree) in trees)
        {
            var binder = new SpecBinder(file);
            var armSpec = binder.Bind(tree);
            errors.AddRange(binder.Errors);
            validation.AddRange(SpecValidator.Validate(armSpec, file, binder.Locations, kinds).Select(e => (name, e)));
            // One process drives one device, with CPU kernels chosen before libtorch loads: an arm
            // that asked for another would silently run with the first arm's.
            if (arms.Count > 0)
            {
                SameForEveryArm("device", s => s.Device);
                SameForEveryArm("numerics", s => s.Numerics);
            }

            void SameForEveryArm(string key, Func<Spec, string> value)
            {
                if (value(armSpec) == value(arms[0].Spec)) return;
                var at = binder.Locations.Find(key);
                errors.Add(SpecError.At(file, at, at.PathOf(key),
                    $"every arm must run with the same {key} (arm '{arms[0].Name}' uses '{value(arms[0].Spec)}', this one '{value(armSpec)}'); split the arms into two specs"));
            }
            arms.Add(new Arm(name, armSpec));
        }
        // A rule the base's text breaks only together with some arm's overrides points at the
        // base's line; it names those arms, or the reader would look for the fault in the base.
        foreach (var group in validation.GroupBy(v => v.Error.ToString()))
        {
            var error = group.First().Error;
            var armNames = group.Select(v => v.Arm).Distinct().ToList();
            bool fromSomeArms = armNames.Count < trees.Count && !error.KeyPath.StartsWith("arms[", StringComparison.Ordinal);
            errors.Add(fromSomeArms ? error with { Message = $"{error.Message} (in arm {string.Join(", ", armNames.Select(a => $"'{a}'"))})" } : error);
        }
        return new LoadedSpec(file, baseSpec, arms);
    }

    // The document's root node, or null after reporting a syntax error.
    static SpecNode? ParseYaml(string yaml, string file, List<SpecError> errors)
    {
        if (NestedTooDeep(yaml) is { } deep)
        {
            errors.Add(new SpecError(file, (int)deep.Line, (int)deep.Column, "(yaml)", $"nested more than {SpecNode.MaxDepth} levels deep"));
            return null;
        }
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(yaml));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            // "While scanning ..., found invalid mapping." -> "while scanning ..., found invalid mapping", to match our messages.
            var message = e is AnchorNotFoundException ? $"no anchor &{AnchorOf(e)} for the alias *{AnchorOf(e)}"
                : e.Message == "" ? "invalid YAML" : char.ToLowerInvariant(e.Message[0]) + e.Message[1..].TrimEnd('.');
            var (line, column) = ErrorPosition(e, scanner, yaml);
            errors.Add(new SpecError(file, line, column, "(yaml)", message));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18 throws this, without a position, on some unterminated input
            // (e.g. "[1, 2" at the end of the file); the scanner knows where it stopped.
            var at = scanner.CurrentPosition;
            errors.Add(new SpecError(file, (int)at.Line, (int)at.Column, "(yaml)", "invalid YAML (an unclosed bracket or quote?)"));
            return null;
        }
        if (stream.Documents.Count == 0) return SpecNode.EmptyMapping(new SpecPosition(1, 1, ""));
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            errors.Add(new SpecError(file, (int)second.Line, (int)second.Column, "(yaml)",
                $"expected one YAML document, found {stream.Documents.Count}"));
            return null;
        }
        try
        {
            return SpecNode.From(stream.Documents[0].RootNode);
        }
        catch (SpecNode.TooLargeException e)
        {
            errors.Add(new SpecError(file, e.At.Line, e.At.Column, "(yaml)", e.Message));
            return null;
        }
    }

    /// <summary>
    /// Where a YAML error is. YamlDotNet puts some at the start of the document: a tab used as
    /// indentation (the scanner stopped on its line) and an alias with no anchor (its first "*name").
    /// </summary>
    static (int Line, int Column) ErrorPosition(YamlException e, Scanner scanner, string yaml)
    {
        if (e.Start.Index > 0) return ((int)e.Start.Line, (int)e.Start.Column);
        if (e is AnchorNotFoundException && yaml.IndexOf("*" + AnchorOf(e), StringComparison.Ordinal) is var at and >= 0)
        {
            int line = yaml[..at].Count(c => c == '\n') + 1;
            return (line, at - (yaml.LastIndexOf('\n', Math.Max(0, at - 1)) + 1) + 1);
        }
        return e is SyntaxErrorException ? ((int)scanner.CurrentPosition.Line, (int)scanner.CurrentPosition.Column) : ((int)e.Start.Line, (int)e.Start.Column);
    }

    /// <summary>The anchor name an AnchorNotFoundException's message quotes ("The anchor 'nope' does not exists").</summary>
    static string AnchorOf(YamlException e) =>
        e is AnchorNotFoundException && e.Message.Split('\'') is [_, var name, ..] ? name : "";

    /// <summary>
    /// Where the text first nests deeper than <see cref="SpecNode.MaxDepth"/>, read as a stream of
    /// events before YamlStream's recursive loader sees it (thousands of brackets would overflow
    /// the stack there); null when it does not, or when it is not YAML (the load reports that).
    /// </summary>
    static Mark? NestedTooDeep(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        int depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                if (parser.Current is MappingStart or SequenceStart && ++depth > SpecNode.MaxDepth) return parser.Current.Start;
                if (parser.Current is MappingEnd or SequenceEnd) depth--;
            }
        }
        catch (YamlException) { }
        catch (InvalidOperationException) { }
        return null;
    }

    // Each arm's name and merged tree, with the --set overrides of that arm; the base itself as "main" when there are no arms.
    static List<(string Name, SpecNode Tree)> ArmTrees(SpecNode root, SpecNode baseRoot, IReadOnlyDictionary<string, SpecNode> armSets,
        string file, List<SpecError> errors)
    {
        var trees = ListedArmTrees(root, baseRoot, armSets, file, errors, out bool listed);
        if (listed)
            foreach (var (name, set) in armSets.Where(a => trees.All(t => t.Name != a.Key)))
                Error(errors, file, set.At, $"arms.{name}", $"no arm named '{name}' (the arms: {string.Join(", ", trees.Select(t => t.Name))})");
        return trees;
    }

    // `listed`: false when `arms:` is not a list (reported), so no --set can name one of its arms.
    static List<(string Name, SpecNode Tree)> ListedArmTrees(SpecNode root, SpecNode baseRoot, IReadOnlyDictionary<string, SpecNode> armSets,
        string file, List<SpecError> errors, out bool listed)
    {
        listed = true;
        var armsEntry = root.Entries.FirstOrDefault(e => e.Key == "arms");
        var list = armsEntry?.Value;
        if (list is null || list.Kind == SpecNodeKind.Null || list is { Kind: SpecNodeKind.Sequence, Items.Count: 0 })
            return [("main", Override(baseRoot, armSets, "main"))];
        if (list.Kind != SpecNodeKind.Sequence)
        {
            Error(errors, file, armsEntry!.KeyAt, "arms", $"expected a list of arms (got {list.Describe()})");
            listed = false;
            return [("main", baseRoot)];
        }

        var trees = new List<(string, SpecNode)>();
        var firstIndexOf = new Dictionary<string, int>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var prefix = $"arms[{i}]";
            var item = list.Items[i].WithPrefix(prefix);
            if (item.Kind != SpecNodeKind.Mapping)
            {
                Error(errors, file, item.At, prefix, $"expected a mapping with a name and overrides (got {item.Describe()})");
                continue;
            }

            var nameEntry = item.Entries.FirstOrDefault(e => e.Key == "name");
            var name = nameEntry?.Value is { Kind: SpecNodeKind.Scalar } n ? n.Text : "";
            if (nameEntry is null)
                Error(errors, file, item.At, prefix, "missing required key 'name'");
            else if (!ArmName.IsMatch(name))
                Error(errors, file, nameEntry.KeyAt, $"{prefix}.name", $"must match [a-z0-9_-]+ (got {nameEntry.Value.Describe()})");
            else if (firstIndexOf.TryGetValue(name, out var first))
                Error(errors, file, nameEntry.KeyAt, $"{prefix}.name", $"duplicate arm name '{name}' (also arms[{first}])");
            else
                firstIndexOf[name] = i;

            foreach (var nested in item.Entries.Where(e => e.Key == "arms"))
                Error(errors, file, nested.KeyAt, $"{prefix}.arms", "an arm cannot have arms of its own");

            var overrides = item with { Entries = item.Entries.Where(e => e.Key is not ("name" or "arms")).ToList() };
            trees.Add((name, SpecNode.Merge(baseRoot, Override(overrides, armSets, name))));
        }
        return trees;
    }

    // An arm's tree with its --set arms.NAME... overrides merged over it.
    static SpecNode Override(SpecNode tree, IReadOnlyDictionary<string, SpecNode> armSets, string arm) =>
        armSets.TryGetValue(arm, out var set) ? SpecNode.Merge(tree, set) : tree;

    static void Error(List<SpecError> errors, string file, SpecPosition at, string keyPath, string message) =>
        errors.Add(SpecError.At(file, at, keyPath, message));
}
