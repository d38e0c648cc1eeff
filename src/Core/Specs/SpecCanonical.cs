using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Runner.Core.Specs;

/// <summary>
/// The fully resolved spec as deterministic YAML: every key (defaults included) in property
/// order, two-space indents, "\n" line ends, double-quoted strings, invariant round-trippable
/// numbers. Same spec, same bytes, so its hash identifies what a run actually ran.
/// </summary>
public static class SpecCanonical
{
    public static string ToCanonicalYaml(Spec spec) => ToCanonicalYaml((object)spec);

    /// <summary>One section of a spec (task:, training:, ...) in the same form.</summary>
    public static string ToCanonicalYaml(object section)
    {
        var yaml = new StringBuilder();
        WriteRecord(yaml, section, indent: 0, firstLine: "");
        return yaml.ToString();
    }

    /// <summary>Lowercase hex SHA-256 of the canonical YAML's UTF-8 bytes.</summary>
    public static string Hash(Spec spec) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToCanonicalYaml(spec))));

    // firstLine replaces the first key's indent: a list item's record starts on its "- " line.
    static void WriteRecord(StringBuilder yaml, object record, int indent, string firstLine)
    {
        var pad = new string(' ', indent);
        var first = true;
        foreach (var (key, property) in SpecKeys.Of(record.GetType()))
        {
            // A section added after specs were hashed is left out while absent, so their hashes stay.
            if (property.IsDefined(typeof(OmittedWhenAbsentAttribute), false) && property.GetValue(record) is null) continue;
            yaml.Append(first ? firstLine.PadRight(indent) : pad).Append(key).Append(':');
            first = false;
            var value = property.GetValue(record);
            var type = property.PropertyType;
            if (SpecKeys.IsRecord(type) && value is null)
            {
                yaml.Append(" null\n"); // an optional section that is absent (noise:, avalanche:)
            }
            else if (SpecKeys.IsRecord(type))
            {
                yaml.Append('\n');
                WriteRecord(yaml, value!, indent + 2, "");
            }
            else if (SpecKeys.ListElement(type) is { } element && SpecKeys.IsRecord(element))
            {
                var items = ((IEnumerable)value!).Cast<object>().ToList();
                yaml.Append(items.Count == 0 ? " []\n" : "\n");
                foreach (var item in items) WriteRecord(yaml, item, indent + 4, pad + "  - ");
            }
            else if (SpecKeys.ListElement(type) is not null)
            {
                var items = ((IEnumerable)value!).Cast<object?>().Select(Scalar);
                yaml.Append(" [").Append(string.Join(", ", items)).Append("]\n");
            }
            else
            {
                yaml.Append(' ').Append(Scalar(value)).Append('\n');
            }
        }
    }

    static string Scalar(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => Number(d),
        _ => throw new NotSupportedException($"no canonical form for {value.GetType()}"),
    };

    // Shortest text that parses back to the same double, always with a '.' so YAML 1.1 readers
    // (PyYAML) see a float too: 1 -> 1.0, 1E-12 -> 1.0E-12, 0.0005 stays.
    static string Number(double d)
    {
        var s = d.ToString("R", CultureInfo.InvariantCulture);
        if (s.Contains('.')) return s;
        var e = s.IndexOf('E');
        return e < 0 ? s + ".0" : s.Insert(e, ".0");
    }

    // Double quotes with escapes, so any string (quotes, newlines, "null", "123") reads back as itself.
    static string Quote(string s)
    {
        var q = new StringBuilder("\"");
        foreach (var c in s)
        {
            q.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }
        return q.Append('"').ToString();
    }
}
