using Runner.Core.Specs;
using Runner.Reports.Tables;
using YamlDotNet.RepresentationModel;

namespace Runner.Reports.Sections;

/// <summary>
/// What differs between the arms: every key of the arms' resolved specs (as their runs recorded
/// them, defaults included) whose value is not the same in all arms, one column per arm. The arms'
/// names and the keys every arm shares are left out.
/// </summary>
public static class ArmDifferencesSection
{
    public static TableView? Build(ReportContext context)
    {
        var arms = context.Sides[^1].Arms.Where(a => a.Spec is not null).ToList();
        if (arms.Count < 2) return null;
        var flattened = arms.Select(a => Flatten(SpecCanonical.ToCanonicalYaml(a.Spec!))).ToList();
        var keys = flattened.SelectMany(f => f.Keys).Distinct().Where(k => k != "name")
            .Where(k => flattened.Select(f => f.GetValueOrDefault(k, "(none)")).Distinct().Count() > 1)
            .OrderBy(k => flattened[0].Keys.ToList().IndexOf(k) is var i and >= 0 ? i : int.MaxValue).ThenBy(k => k, StringComparer.Ordinal)
            .ToList();
        var rows = keys.Select(k => (IReadOnlyList<Cell>)new List<Cell> { new(k) }.Concat(flattened.Select(f => new Cell(f.GetValueOrDefault(k, "(none)")))).ToList()).ToList();
        if (rows.Count == 0) return null;
        return TableView.Export(context.Exports, new Table("arm-differences", "What differs between the arms' resolved specs (every other key is the same)",
            ["spec key", .. arms.Select(a => a.Name)], rows));
    }

    /// <summary>Every scalar of a YAML document by its dotted path ("training.round0.stable", "self_improve.filters.1.threshold").</summary>
    public static IReadOnlyDictionary<string, string> Flatten(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (stream.Documents.Count > 0) Walk(stream.Documents[0].RootNode, "", values);
        return values;
    }

    static void Walk(YamlNode node, string path, Dictionary<string, string> values)
    {
        switch (node)
        {
            case YamlMappingNode map:
                if (map.Children.Count == 0) values[path] = "{}";
                foreach (var (key, child) in map.Children) Walk(child, path.Length == 0 ? ((YamlScalarNode)key).Value! : $"{path}.{((YamlScalarNode)key).Value}", values);
                break;
            case YamlSequenceNode list:
                if (list.Children.Count == 0) values[path] = "[]";
                for (int i = 0; i < list.Children.Count; i++) Walk(list.Children[i], $"{path}.{i}", values);
                break;
            case YamlScalarNode scalar:
                values[path] = scalar.Value is null or "" && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain ? "null" : scalar.Value ?? "";
                break;
        }
    }
}
