using System.Globalization;

namespace Runner.Core.Specs;

/// <summary>
/// Binds a YAML tree onto the spec records by reflection over their init properties. Keys not
/// given keep the record's default (for nested records, the default the parent declares, so
/// `round0: {warmup: 5}` keeps round0's stable and decay). Never stops at a problem: it records
/// the error, keeps the default and carries on, so one run reports everything.
/// </summary>
internal sealed class SpecBinder(string file)
{
    public List<SpecError> Errors { get; } = [];
    public SpecLocations Locations { get; } = new();

    public Spec Bind(SpecNode root)
    {
        Locations.Record("", root.At);
        return (Spec)BindRecord(root, typeof(Spec), new Spec(), "", root.At);
    }

    // `at` is where the key (or list item) holding this node was written: errors point there.
    object? BindValue(SpecNode node, Type type, object? current, string path, SpecPosition at)
    {
        if (type == typeof(string)) return BindString(node, path, at) ?? current;
        if (type == typeof(int)) return BindInt(node, path, at) ?? current;
        if (type == typeof(double)) return BindDouble(node, path, at) ?? current;
        if (type == typeof(int?)) return node.Kind == SpecNodeKind.Null ? null : BindInt(node, path, at) ?? current;
        if (type == typeof(double?)) return node.Kind == SpecNodeKind.Null ? null : BindDouble(node, path, at) ?? current;
        if (type == typeof(bool)) return BindBool(node, path, at) ?? current;
        if (SpecKeys.ListElement(type) is { } element) return BindList(node, element, path, at) ?? current;
        // An optional section (noise:, avalanche:) written as null stays null; a required one keeps its defaults.
        if (SpecKeys.IsRecord(type)) return node.Kind == SpecNodeKind.Null ? current : BindRecord(node, type, current ?? Activator.CreateInstance(type)!, path, at);
        throw new NotSupportedException($"spec property type {type} has no binding; add it to SpecBinder");
    }

    object BindRecord(SpecNode node, Type type, object current, string path, SpecPosition at)
    {
        if (node.Kind == SpecNodeKind.Null) return current; // `model:` with nothing under it: all defaults
        var keys = SpecKeys.Of(type);
        // Shorthand for a section with a kind: `schedule: uniform` means `schedule: {kind: uniform}`.
        if (node.Kind == SpecNodeKind.Scalar && keys.FirstOrDefault(k => k.Key == "kind").Property is { } kind)
        {
            var withKind = Activator.CreateInstance(type)!;
            foreach (var (_, property) in keys) property.SetValue(withKind, property.GetValue(current));
            Locations.Record($"{path}.kind", at);
            kind.SetValue(withKind, node.Text);
            return withKind;
        }
        if (node.Kind != SpecNodeKind.Mapping) return Fail(current, path, at, $"expected a mapping (got {node.Describe()})");

        var result = Activator.CreateInstance(type)!;
        foreach (var (_, property) in keys) property.SetValue(result, property.GetValue(current));

        foreach (var entry in node.Entries)
        {
            var childPath = path == "" ? entry.Key : $"{path}.{entry.Key}";
            var match = keys.FirstOrDefault(k => k.Key == entry.Key);
            if (match.Property is null)
            {
                Error(childPath, entry.KeyAt, $"unknown key {Suggestions.Hint(entry.Key, keys.Select(k => k.Key).ToList())}");
                continue;
            }
            Locations.Record(childPath, entry.KeyAt);
            var value = BindValue(entry.Value, match.Property.PropertyType, match.Property.GetValue(result), childPath, entry.KeyAt);
            match.Property.SetValue(result, value);
        }
        return result;
    }

    // Returns a T[] (an IReadOnlyList<T>), or null when the node is not a list.
    Array? BindList(SpecNode node, Type element, string path, SpecPosition at)
    {
        if (node.Kind == SpecNodeKind.Null) return Array.CreateInstance(element, 0);
        if (node.Kind != SpecNodeKind.Sequence) return Fail<Array>(path, at, $"expected a list (got {node.Describe()})");

        var array = Array.CreateInstance(element, node.Items.Count);
        for (var i = 0; i < node.Items.Count; i++)
        {
            var item = node.Items[i];
            var itemPath = $"{path}[{i}]";
            Locations.Record(itemPath, item.At);
            // Each item starts from its type's defaults (a filter's rule defaults to "expected").
            var start = SpecKeys.IsRecord(element) ? Activator.CreateInstance(element) : null;
            var value = BindValue(item, element, start, itemPath, item.At);
            if (value is not null) array.SetValue(value, i);
        }
        return array;
    }

    string? BindString(SpecNode node, string path, SpecPosition at) => node.Kind switch
    {
        SpecNodeKind.Scalar => node.Text,
        SpecNodeKind.Null => "",
        _ => Fail<string>(path, at, $"expected a string (got {node.Describe()})"),
    };

    int? BindInt(SpecNode node, string path, SpecPosition at)
    {
        if (node.Kind == SpecNodeKind.Scalar)
        {
            if (int.TryParse(node.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) return i;
            // 5e4 is a fine way to write 50000.
            if (double.TryParse(node.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                && d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue)
                return (int)d;
        }
        Error(path, at, $"expected an integer (got {node.Describe()})");
        return null;
    }

    double? BindDouble(SpecNode node, string path, SpecPosition at)
    {
        if (node.Kind == SpecNodeKind.Scalar
            && double.TryParse(node.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && double.IsFinite(d))
            return d;
        Error(path, at, $"expected a number (got {node.Describe()})");
        return null;
    }

    bool? BindBool(SpecNode node, string path, SpecPosition at)
    {
        if (node.Kind == SpecNodeKind.Scalar && bool.TryParse(node.Text, out var b)) return b;
        Error(path, at, $"expected true or false (got {node.Describe()})");
        return null;
    }

    T? Fail<T>(string path, SpecPosition at, string message) where T : class
    {
        Error(path, at, message);
        return null;
    }

    object Fail(object current, string path, SpecPosition at, string message)
    {
        Error(path, at, message);
        return current;
    }

    void Error(string path, SpecPosition at, string message) =>
        Errors.Add(SpecError.At(file, at, at.PathOf(path), message));
}
