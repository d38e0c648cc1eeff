using System.Globalization;

namespace Runner.Reports.Figures;

/// <summary>A figure before it is drawn: the page and a paper draw it at their own style, and its points go to one CSV schema.</summary>
public interface IChart
{
    Figure Draw(FigureStyle style);

    /// <summary>Every plotted number in the schema all figures share (<see cref="PlotData"/>).</summary>
    IEnumerable<PlotDatum> Data();
}

/// <summary>
/// One plotted number in the schema every paper figure's CSV shares: the series it belongs to
/// (with its arm, round, seed and revision when it has them), x and y, y's sample sd over seeds
/// and n.
/// </summary>
public sealed record PlotDatum(string Series, string X, double Y, double? Sd = null, int? Seeds = null)
{
    public string? Arm { get; init; }
    public int? Round { get; init; }
    public int? Seed { get; init; }
    public string? Revision { get; init; }
}

public static class PlotData
{
    public static readonly string[] Header = ["figure", "series", "revision", "arm", "round", "seed", "x", "y", "y_sd", "seeds"];

    public static Csv Csv(string figure, IEnumerable<PlotDatum> data)
    {
        var csv = new Csv(Header);
        foreach (var d in data) csv.Row(figure, d.Series, d.Revision, d.Arm, d.Round, d.Seed, d.X, d.Y, d.Sd, d.Seeds);
        return csv;
    }

    /// <summary>A series' tag (data-arm, data-round, ...) as the datum's column, null when the series has none.</summary>
    public static string? Tag(IReadOnlyList<(string Name, string Value)> data, string name) =>
        data.Where(d => d.Name == name).Select(d => d.Value).FirstOrDefault();

    public static int? IntTag(IReadOnlyList<(string Name, string Value)> data, string name) =>
        Tag(data, name) is { } v && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i) ? i : null;
}
