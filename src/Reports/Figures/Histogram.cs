using System.Globalization;

namespace Runner.Reports.Figures;

/// <summary>One class of a histogram (right labels, wrong labels): its count per bin, drawn as the share of the class in each bin.</summary>
public sealed record HistogramSeries(string Name, string Colour, IReadOnlyList<int> Counts, bool Hollow = false);

/// <summary>
/// A histogram of values in [Low, High] split into equal bins, each class's bars side by side and
/// scaled to the share of that class (so a class of 60 shows beside one of 2,000), its counts in
/// the legend and the SVG; vertical marks for thresholds.
/// </summary>
public sealed record Histogram(string Title, string Note, string XLabel, double Low, double High, IReadOnlyList<HistogramSeries> Series) : IChart
{
    const double Right = 10, PlotHeight = 110;

    public IReadOnlyList<VerticalMark> Marks { get; init; } = [];

    public int Bins => Series.Count == 0 ? 0 : Series[0].Counts.Count;

    public double BinLow(int bin) => Low + (High - Low) * bin / Bins;

    /// <summary>The bin a value falls in; the top edge belongs to the last bin.</summary>
    public static int BinOf(double value, double low, double high, int bins) =>
        Math.Clamp((int)Math.Floor((value - low) / (high - low) * bins), 0, bins - 1);

    public Figure Draw(FigureStyle style)
    {
        double top = style.Titles ? 30 : 6, left = 16 + style.FontSize * 3.4, right = style.Width - Right, bottom = top + PlotHeight;
        double yMax = Math.Max(0.05, Series.SelectMany(s => s.Counts.Select(c => Share(s, c))).DefaultIfEmpty(0).Max());
        var niceTicks = Ticks.Nice(0, yMax, 5);
        double step = niceTicks.Count > 1 ? niceTicks[1] - niceTicks[0] : yMax;
        yMax = Math.Ceiling(yMax / step - 1e-9) * step; // the axis ends on a tick above the tallest bar
        double X(double x) => left + (x - Low) / (High - Low) * (right - left);
        double Y(double y) => bottom - Math.Clamp(y, 0, yMax) / yMax * (bottom - top);

        var shapes = new List<Shape>();
        if (style.Titles)
        {
            shapes.Add(new Label(style.Width / 2, 10, Title, style.FontSize + 1.5, Anchor.Middle, Bold: true));
            shapes.Add(new Label(style.Width / 2, 20, Note, style.FontSize, Anchor.Middle, Colour: "#444444"));
        }
        var axes = new List<Shape>();
        var xTicks = Ticks.Nice(Low, High, 6);
        foreach (double t in xTicks)
        {
            axes.Add(new Polyline([new(X(t), bottom), new(X(t), bottom + 2.5)], new Stroke("#000000", 0.6)));
            axes.Add(new Label(X(t), bottom + 3.5 + style.FontSize, TickText(t), style.FontSize, Anchor.Middle));
        }
        foreach (double t in Ticks.Nice(0, yMax, 5).Where(t => t <= yMax + 1e-9))
        {
            axes.Add(new Polyline([new(left - 2.5, Y(t)), new(left, Y(t))], new Stroke("#000000", 0.6)));
            axes.Add(new Polyline([new(left, Y(t)), new(right, Y(t))], new Stroke("#e4e4e4", 0.4)));
            axes.Add(new Label(left - 4, Y(t) + style.FontSize * 0.34, TickText(t), style.FontSize, Anchor.End));
        }
        axes.Add(new Box(left, top, right - left, bottom - top, null, new Stroke("#000000", 0.6)));
        axes.Add(new Label((left + right) / 2, bottom + 6 + style.FontSize * 2.2, XLabel, style.AxisTitleSize, Anchor.Middle));
        axes.Add(new Label(style.AxisTitleSize + 2, (top + bottom) / 2, "Share of the class", style.AxisTitleSize, Anchor.Middle, Vertical: true));
        shapes.Add(new Group("axes", axes));

        var plotted = new List<Shape>();
        double binWidth = (right - left) / Math.Max(1, Bins), barWidth = binWidth * 0.9 / Math.Max(1, Series.Count);
        for (int s = 0; s < Series.Count; s++)
        {
            var series = Series[s];
            var bars = new List<Shape>();
            for (int b = 0; b < Bins; b++)
            {
                double share = Share(series, series.Counts[b]);
                if (series.Counts[b] == 0) { bars.Add(EmptyBin(b)); continue; }
                double x = X(BinLow(b)) + binWidth * 0.05 + s * barWidth;
                bars.Add(new Box(x, Y(share), barWidth, bottom - Y(share), series.Hollow ? "#ffffff" : series.Colour, new Stroke(series.Colour, 0.6))
                {
                    Data = [("bin-low", LineChart.Number(BinLow(b))), ("bin-high", LineChart.Number(BinLow(b + 1))),
                        ("count", series.Counts[b].ToString(CultureInfo.InvariantCulture)), ("share", LineChart.Number(share))],
                });
            }
            plotted.Add(new Group("series", bars) { Data = [("name", series.Name), ("colour", series.Colour), ("total", series.Counts.Sum().ToString(CultureInfo.InvariantCulture))] });
        }
        foreach (var mark in Marks)
            plotted.Add(new Polyline([new(X(mark.X), top), new(X(mark.X), bottom)], new Stroke(mark.Colour, 0.8, "3 2")) { Data = [("x", LineChart.Number(mark.X)), .. mark.Data] });
        shapes.Add(new Group("plot", plotted));

        var legend = Legend.Draw(Series.Select(s => new LegendItem($"{s.Name} (n = {s.Counts.Sum().ToString("#,0", CultureInfo.InvariantCulture)})", s.Colour, null, null,
            BoxFill: s.Hollow ? "#ffffff" : s.Colour)).ToList(), style, bottom + 14 + style.FontSize * 2.4);
        shapes.Add(legend.Group);
        return new Figure(style.Width, legend.Bottom + 4, $"{Title}: {Note}", shapes);
    }

    public IEnumerable<PlotDatum> Data() => Series.SelectMany(s => Enumerable.Range(0, Bins).Select(b =>
        new PlotDatum(s.Name, $"{LineChart.Number(BinLow(b))}-{LineChart.Number(BinLow(b + 1))}", s.Counts[b])));

    /// <summary>An empty bin keeps its count in the SVG (an invisible box), so the counts there sum to the class's.</summary>
    Box EmptyBin(int bin) => new(0, 0, 0, 0, null)
    {
        Data = [("bin-low", LineChart.Number(BinLow(bin))), ("bin-high", LineChart.Number(BinLow(bin + 1))), ("count", "0"), ("share", "0")],
    };

    static string TickText(double t) => (Math.Abs(t) < 1e-12 ? 0 : t).ToString("0.0#", CultureInfo.InvariantCulture);

    static double Share(HistogramSeries series, int count) => series.Counts.Sum() is var total and > 0 ? (double)count / total : 0;
}
