using System.Globalization;

namespace Runner.Reports.Figures;

/// <summary>One plotted value: the mean over seeds and, with more than one seed, its spread (the band is mean ± spread).</summary>
public sealed record ChartPoint(double X, double Y, double? Spread = null);

/// <summary>One line: its legend name, look, and points in x order.</summary>
public sealed record ChartSeries(string Name, string Colour, string? Dash, MarkerKind Marker, IReadOnlyList<ChartPoint> Points,
    bool Hollow = false, double Width = 1.2)
{
    public IReadOnlyList<(string Name, string Value)> Data { get; init; } = [];
}

/// <summary>A vertical line across the plot (a round's largest trained difficulty), drawn dashed in its series' colour.</summary>
public sealed record VerticalMark(double X, string Colour)
{
    public IReadOnlyList<(string Name, string Value)> Data { get; init; } = [];
}

/// <summary>
/// A line chart sized for one column of a two-column paper (3.5 in wide): title, a note naming the
/// statistic and n, labelled axes, lines with markers and bands, vertical marks, and a legend
/// below the plot with every series' full name.
/// </summary>
public sealed record LineChart(string Title, string Note, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Series)
{
    public const double Width = 252, FontSize = 6.5;
    const double Left = 38, Right = 10, Top = 30, PlotHeight = 128;

    public IReadOnlyList<VerticalMark> Marks { get; init; } = [];
    /// <summary>Fixed y range (accuracies: 0 to 1); null fits the data.</summary>
    public (double Min, double Max)? YRange { get; init; }
    public bool IntegerX { get; init; } = true;
    public bool IntegerY { get; init; }

    public Figure Draw()
    {
        var xs = Series.SelectMany(s => s.Points.Select(p => p.X)).Concat(Marks.Select(m => m.X)).DefaultIfEmpty(0).ToList();
        double xMin = xs.Min(), xMax = xs.Max();
        if (IntegerX) { xMin -= 0.5; xMax += 0.5; }
        if (xMax <= xMin) { xMin -= 1; xMax += 1; }
        var (yMin, yMax) = YRange ?? FitY();

        double plotLeft = Left, plotRight = Width - Right, plotTop = Top, plotBottom = Top + PlotHeight;
        double X(double x) => plotLeft + (x - xMin) / (xMax - xMin) * (plotRight - plotLeft);
        double Y(double y) => plotBottom - (Math.Clamp(y, yMin, yMax) - yMin) / (yMax - yMin) * (plotBottom - plotTop);

        var shapes = new List<Shape>
        {
            new Label(Width / 2, 10, Title, 8, Anchor.Middle, Bold: true),
            new Label(Width / 2, 19.5, Note, FontSize - 0.5, Anchor.Middle, Colour: "#444444"),
        };
        shapes.Add(Axes(xMin, xMax, yMin, yMax, plotLeft, plotRight, plotTop, plotBottom, X, Y));

        var plotted = new List<Shape>();
        foreach (var mark in Marks)
            plotted.Add(new Polyline([new(X(mark.X), plotTop), new(X(mark.X), plotBottom)], new Stroke(mark.Colour, 0.8, "3 2"))
                { Data = [("x", Number(mark.X)), .. mark.Data] });
        foreach (var series in Series) plotted.Add(SeriesShapes(series, X, Y));
        shapes.Add(new Group("plot", plotted)
        {
            Data =
            [
                ("x-min", Number(xMin)), ("x-max", Number(xMax)), ("y-min", Number(yMin)), ("y-max", Number(yMax)),
                ("left", Number(plotLeft)), ("right", Number(plotRight)), ("top", Number(plotTop)), ("bottom", Number(plotBottom)),
            ],
        });

        var legend = Legend.Draw(Series.Select(s => new LegendItem(s.Name, s.Colour, s.Dash, s.Marker, s.Hollow)).ToList(),
            Width, plotBottom + 30);
        shapes.Add(legend.Group);
        return new Figure(Width, legend.Bottom + 4, $"{Title}: {Note}", shapes);
    }

    (double, double) FitY()
    {
        var values = Series.SelectMany(s => s.Points.SelectMany(p => new[] { p.Y - (p.Spread ?? 0), p.Y + (p.Spread ?? 0) })).DefaultIfEmpty(0).ToList();
        double low = values.Min(), high = values.Max();
        if (IntegerY) { low = Math.Floor(low) - 0.5; high = Math.Ceiling(high) + 0.5; }
        if (high - low < 1e-9) { low -= 1; high += 1; }
        return (low, high);
    }

    Group Axes(double xMin, double xMax, double yMin, double yMax, double left, double right, double top, double bottom,
        Func<double, double> X, Func<double, double> Y)
    {
        var shapes = new List<Shape>();
        var xTicks = Ticks.Nice(Math.Ceiling(xMin), Math.Floor(xMax), 8, IntegerX).Where(t => t >= xMin && t <= xMax).ToList();
        foreach (double t in xTicks)
        {
            shapes.Add(new Polyline([new(X(t), bottom), new(X(t), bottom + 2.5)], new Stroke("#000000", 0.6)));
            shapes.Add(new Label(X(t), bottom + 9, Tick(t, xTicks), FontSize, Anchor.Middle));
        }
        var yTicks = Ticks.Nice(yMin, yMax, 6, IntegerY).Where(t => t >= yMin - 1e-9 && t <= yMax + 1e-9).ToList();
        foreach (double t in yTicks)
        {
            shapes.Add(new Polyline([new(left - 2.5, Y(t)), new(left, Y(t))], new Stroke("#000000", 0.6)));
            shapes.Add(new Polyline([new(left, Y(t)), new(right, Y(t))], new Stroke("#e4e4e4", 0.4)));
            shapes.Add(new Label(left - 4, Y(t) + 2.2, Tick(t, yTicks), FontSize, Anchor.End));
        }
        // The frame last, over the grid lines.
        shapes.Add(new Box(left, top, right - left, bottom - top, null, new Stroke("#000000", 0.6)));
        shapes.Add(new Label((left + right) / 2, bottom + 19, XLabel, FontSize + 0.5, Anchor.Middle));
        shapes.Add(new Label(9, (top + bottom) / 2, YLabel, FontSize + 0.5, Anchor.Middle, Vertical: true));
        return new Group("axes", shapes);
    }

    static Group SeriesShapes(ChartSeries series, Func<double, double> X, Func<double, double> Y)
    {
        var shapes = new List<Shape>();
        var points = series.Points.OrderBy(p => p.X).ToList();
        if (points.Any(p => p.Spread is > 0))
        {
            var upper = points.Select(p => new Point(X(p.X), Y(p.Y + (p.Spread ?? 0))));
            var lower = points.Select(p => new Point(X(p.X), Y(p.Y - (p.Spread ?? 0)))).Reverse();
            shapes.Add(new Polygon(upper.Concat(lower).ToList(), series.Colour, 0.18) { Data = [("band", "mean ± 1 sd")] });
        }
        if (points.Count > 1)
            shapes.Add(new Polyline(points.Select(p => new Point(X(p.X), Y(p.Y))).ToList(), new Stroke(series.Colour, series.Width, series.Dash)));
        foreach (var p in points)
            shapes.Add(new Marker(new(X(p.X), Y(p.Y)), series.Marker, 3.4, series.Colour, series.Hollow)
            {
                Data = p.Spread is { } sd ? [("x", Number(p.X)), ("y", Number(p.Y)), ("sd", Number(sd))] : [("x", Number(p.X)), ("y", Number(p.Y))],
            });
        return new Group("series", shapes) { Data = [("name", series.Name), .. series.Data] };
    }

    /// <summary>A tick label with as many decimals as its axis's step needs, the same on every tick (0.0, 0.2, ..., 1.0).</summary>
    static string Tick(double value, IReadOnlyList<double> ticks)
    {
        double step = ticks.Count > 1 ? ticks[1] - ticks[0] : 1;
        int decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(step) - 1e-9), 0, 6);
        return (Math.Abs(value) < 1e-9 ? 0 : value).ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    /// <summary>Shortest round-trip text of a number, invariant: what the CSV says too.</summary>
    public static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
