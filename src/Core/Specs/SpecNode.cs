using YamlDotNet.RepresentationModel;

namespace Runner.Core.Specs;

internal enum SpecNodeKind { Null, Scalar, Mapping, Sequence }

/// <summary>One key of a mapping, with where the key itself was written (errors point at keys).</summary>
internal sealed record SpecEntry(string Key, SpecPosition KeyAt, SpecNode Value);

/// <summary>
/// A YAML node reduced to what binding needs, plus where it was written. Our own tree rather
/// than YamlDotNet's because an arm is a merged mapping whose parts must keep the positions
/// (and the arm prefix) of the text they came from.
/// </summary>
internal sealed record SpecNode(SpecNodeKind Kind, SpecPosition At)
{
    /// <summary>A scalar's text.</summary>
    public string Text { get; init; } = "";
    public IReadOnlyList<SpecEntry> Entries { get; init; } = [];
    public IReadOnlyList<SpecNode> Items { get; init; } = [];

    public static SpecNode EmptyMapping(SpecPosition at) => new(SpecNodeKind.Mapping, at);

    /// <summary>
    /// How deep and how big a spec may be. Real specs nest a few levels and hold a few hundred
    /// values; beyond these an alias refers to itself or multiplies (a "billion laughs"), which
    /// would exhaust the stack or the memory instead of giving an error.
    /// </summary>
    public const int MaxDepth = 64, MaxValues = 100_000;

    /// <summary>Converts a loaded YAML node (aliases already resolved by YamlStream); throws <see cref="TooLargeException"/> past the limits.</summary>
    public static SpecNode From(YamlNode yaml) => From(yaml, depth: 0, new Counter());

    static SpecNode From(YamlNode yaml, int depth, Counter values)
    {
        if (depth > MaxDepth) throw new TooLargeException(PositionOf(yaml), $"nested more than {MaxDepth} levels deep (an alias that contains itself?)");
        if (++values.Count > MaxValues) throw new TooLargeException(PositionOf(yaml), $"more than {MaxValues:N0} values (aliases that expand without end?)");
        return yaml switch
        {
            YamlScalarNode s when IsNull(s) => new SpecNode(SpecNodeKind.Null, PositionOf(s)),
            YamlScalarNode s => new SpecNode(SpecNodeKind.Scalar, PositionOf(s)) { Text = s.Value ?? "" },
            YamlMappingNode m => new SpecNode(SpecNodeKind.Mapping, PositionOf(m))
            {
                Entries = m.Children.Select(c => new SpecEntry(KeyText(c.Key), PositionOf(c.Key), From(c.Value, depth + 1, values))).ToList(),
            },
            YamlSequenceNode q => new SpecNode(SpecNodeKind.Sequence, PositionOf(q)) { Items = q.Children.Select(i => From(i, depth + 1, values)).ToList() },
            _ => throw new NotSupportedException($"unexpected YAML node {yaml.GetType().Name} at {yaml.Start}"),
        };
    }

    sealed class Counter { public int Count; }

    /// <summary>A spec past <see cref="MaxDepth"/> or <see cref="MaxValues"/>, and where it went past.</summary>
    public sealed class TooLargeException(SpecPosition at, string message) : Exception(message)
    {
        public SpecPosition At { get; } = at;
    }

    /// <summary>The same tree, marked as written inside an arm ("arms[1]"), so its errors say so.</summary>
    public SpecNode WithPrefix(string prefix) => this with
    {
        At = At with { Prefix = prefix },
        Entries = Entries.Select(e => new SpecEntry(e.Key, e.KeyAt with { Prefix = prefix }, e.Value.WithPrefix(prefix))).ToList(),
        Items = Items.Select(i => i.WithPrefix(prefix)).ToList(),
    };

    /// <summary>The same tree with every node and key placed at <paramref name="at"/> (a value from the command line).</summary>
    public SpecNode Everywhere(SpecPosition at) => this with
    {
        At = at,
        Entries = Entries.Select(e => new SpecEntry(e.Key, at, e.Value.Everywhere(at))).ToList(),
        Items = Items.Select(i => i.Everywhere(at)).ToList(),
    };

    /// <summary>
    /// Deep merge for arms and `--set` overrides: mappings merge key by key, anything else in `over` replaces `under`.
    /// A base written as shorthand (`schedule: accelerated`) is `{kind: accelerated}` to merge an
    /// arm's mapping into. A merged key keeps the base's position (it was declared there);
    /// replaced values keep the override's, so an error in an override points at the override's line.
    /// </summary>
    public static SpecNode Merge(SpecNode under, SpecNode over)
    {
        if (under.Kind != SpecNodeKind.Mapping || over.Kind != SpecNodeKind.Mapping) return over;
        var entries = new List<SpecEntry>();
        foreach (var u in under.Entries)
        {
            var o = over.Entries.FirstOrDefault(e => e.Key == u.Key);
            var baseValue = u.Value.Kind == SpecNodeKind.Scalar && o?.Value.Kind == SpecNodeKind.Mapping
                ? new SpecNode(SpecNodeKind.Mapping, u.Value.At) { Entries = [new SpecEntry("kind", u.Value.At, u.Value)] }
                : u.Value;
            entries.Add(o is null ? u
                : baseValue.Kind == SpecNodeKind.Mapping && o.Value.Kind == SpecNodeKind.Mapping
                    ? u with { Value = Merge(baseValue, o.Value) }
                    : o);
        }
        entries.AddRange(over.Entries.Where(o => under.Entries.All(u => u.Key != o.Key)));
        return under with { Entries = entries };
    }

    /// <summary>How an error message shows this node: 'text', nothing, a mapping, a list.</summary>
    public string Describe() => Kind switch
    {
        SpecNodeKind.Null => "nothing",
        SpecNodeKind.Scalar => $"'{Text}'",
        SpecNodeKind.Mapping => "a mapping",
        _ => "a list",
    };

    // YAML's null: an empty plain value, ~ or null. Quoted '' and 'null' are strings.
    static bool IsNull(YamlScalarNode s) =>
        s.Style == YamlDotNet.Core.ScalarStyle.Plain && s.Value is null or "" or "~" or "null" or "Null" or "NULL";

    static string KeyText(YamlNode key) => key is YamlScalarNode s ? s.Value ?? "" : key.ToString();

    static SpecPosition PositionOf(YamlNode node) => new((int)node.Start.Line, (int)node.Start.Column, "");
}
