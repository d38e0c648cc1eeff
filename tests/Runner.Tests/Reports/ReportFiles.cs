using System.Globalization;
using System.Xml.Linq;
using NUnit.Framework;

namespace Runner.Tests.Reports;

/// <summary>Reads a report's exports back: CSV rows by column name, SVG series and plot geometry, Markdown table rows.</summary>
public static class ReportFiles
{
    /// <summary>Rows of a CSV export as column -> text (our exports never quote numbers).</summary>
    public static List<Dictionary<string, string>> Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(line => header.Zip(line.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    public static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    public static XDocument Svg(string path) => XDocument.Load(path);

    static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public static IEnumerable<XElement> Groups(XDocument svg, string cls) =>
        svg.Descendants(Ns + "g").Where(g => (string?)g.Attribute("class") == cls);

    /// <summary>A series' plotted points as its markers' data-x, data-y (and data-sd) say.</summary>
    public static List<(double X, double Y, double? Sd)> DataPoints(XElement series) =>
        series.Elements().Where(e => e.Attribute("data-x") is not null && e.Attribute("data-y") is not null)
            .Select(e => (Number((string)e.Attribute("data-x")!), Number((string)e.Attribute("data-y")!),
                e.Attribute("data-sd") is { } sd ? Number(sd.Value) : (double?)null)).ToList();

    /// <summary>The same points from where the markers are drawn, mapped back through the plot's axes.</summary>
    public static List<(double X, double Y)> DrawnPoints(XElement series)
    {
        var plot = series.Parent!;
        double A(string name) => Number((string)plot.Attribute("data-" + name)!);
        return series.Elements().Where(e => e.Attribute("data-x") is not null && e.Attribute("data-y") is not null).Select(e =>
        {
            double cx = Number((string?)e.Attribute("cx") ?? (string)e.Attribute("data-cx")!);
            double cy = Number((string?)e.Attribute("cy") ?? (string)e.Attribute("data-cy")!);
            return (A("x-min") + (cx - A("left")) / (A("right") - A("left")) * (A("x-max") - A("x-min")),
                A("y-min") + (A("bottom") - cy) / (A("bottom") - A("top")) * (A("y-max") - A("y-min")));
        }).ToList();
    }

    /// <summary>Where a vertical line of the plot is drawn, in data units.</summary>
    public static double DrawnX(XElement line)
    {
        var plot = line.Parent!;
        double A(string name) => Number((string)plot.Attribute("data-" + name)!);
        double px = Number(((string)line.Attribute("points")!).Split(' ')[0].Split(',')[0]);
        return A("x-min") + (px - A("left")) / (A("right") - A("left")) * (A("x-max") - A("x-min"));
    }

    /// <summary>The cells of a Markdown table's data rows (bold marks kept as "**x**").</summary>
    public static List<string[]> MarkdownRows(string path) =>
        File.ReadAllLines(path).Skip(2).Select(l => l[1..^1].Split(" | ").Select(c => c.Trim()).ToArray()).ToList();

    /// <summary>Every file under a folder, by relative path, with its bytes.</summary>
    public static SortedDictionary<string, byte[]> Snapshot(string folder) => new(
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes), StringComparer.Ordinal);

    public static void AssertClose(double actual, double expected, double tolerance, string what) =>
        Assert.That(actual, Is.EqualTo(expected).Within(tolerance), what);
}
