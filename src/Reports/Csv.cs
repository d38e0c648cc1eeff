using System.Globalization;
using System.Text;

namespace Runner.Reports;

/// <summary>RFC 4180 CSV with invariant numbers in their shortest round-trip form, "\n" line ends; an empty field for a missing value.</summary>
public sealed class Csv(params string[] header)
{
    readonly List<string> lines = [Line(header)];

    public Csv Row(params object?[] fields)
    {
        lines.Add(Line(fields.Select(Field)));
        return this;
    }

    public override string ToString() => string.Concat(lines.Select(l => l + "\n"));

    static string Field(object? value) => value switch
    {
        null => "",
        double d when double.IsNaN(d) => "",
        double d => d.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => value.ToString() ?? "",
    };

    static string Line(IEnumerable<string> fields) => string.Join(",", fields.Select(Quote));

    static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
}
