using System.Globalization;

namespace Runner.Reports.Figures;

/// <summary>One plotted value: the mean over seeds and, with more than one seed, its spread (the band is mean ± spread).</summary>
public sealed record ChartPoint(double X, double Y, double? Spread = null, int? Seeds = null);

/// <summary>
/// One series: its legend name, look, and points in x order. <paramref name="Line"/> false draws
/// markers only (published points the paper does not join); <paramref name="InLegend"/> false
/// leaves it out of the legend (one seed's thin line beside its arm's mean); <paramref name="Anchors"/>
/// false on a line without markers leaves its numbers out of the SVG (they are in the CSV). A point's
/// spread goes to the SVG and the CSV; it is drawn as a band only with <paramref name="Band"/>.
/// </summary>
public sealed record ChartSeries(string Name, string Colour, string? Dash, MarkerKind Marker, IReadOnlyList<ChartPoint> Points,
    bool Hollow = false, double Width = 1.2, bool Line = true, bool InLegend = true, bool Markers = true, bool Anchors = true, bool Band = false)
{
    public IReadOnlyList<(string Name, string Value)> Data { get; init; } = [];
}

/// <summary>A vertical line across the plot (a round's largest trained difficulty, a round's boundary), drawn dashed in its colour.</summary>
public sealed record VerticalMark(double X, string Colour)
{
    public IReadOnlyList<(string Name, string Value)> Data { get; init; } = [];
}

/// <summary>
/// A line chart sized for one column of a two-column paper: on the page a title and a note naming
/// the statistic and n, labelled axes, lines with markers and bands, vertical marks, and a legend
/// below the plot with every series' full name; in a paper, the same without title and note.
/// </summary>
public sealed record LineChart(string Title, string Note, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Series) : IChart
{
    /// <summary>The page's width and smallest text (<see cref="FigureStyle.Page"/>).</summary>
    public const double Width = 252, FontSize = 6.5;
    const double Right = 10, PlotHeight = 128;

    public IReadOnlyList<VerticalMark> Marks { get; init; } = [];
    /// <summary>Fixed y range (accuracies: 0 to 1); null fits the data.</summary>
    public (double Min, double Max)? YRange { get; init; }
    public bool IntegerX { get; init; } = true;
    public bool IntegerY { get; init; }
    /// <summary>A log10 y axis (error rates); values at or under 0 are drawn at <see cref="LogFloor"/>, the axis's bottom.</summary>
    public bool LogY { get; init; }
    public double LogFloor { get; init; } = 1e-3;

    public Figure Draw() => Draw(FigureStyle.Page);

    public Figure Draw(FigureStyle style)
    {
        var xs = Series.SelectMany(s => s.Points.Select(p => p.X)).Concat(Marks.Select(m => m.X)).DefaultIfEmpty(0).ToList();
        double xMin = xs.Min(), xMax = xs.Max();
        if (IntegerX && xMax - xMin <= 50) { xMin -= 0.5; xMax += 0.5; }
        else if (IntegerX) { double pad = (xMax - xMin) * 0.03; xMin -= pad; xMax += pad; }
        if (xMax <= xMin) { xMin -= 1; xMax += 1; }
        var (yMin, yMax) = LogY ? FitLog() : YRange ?? FitY();

        double top = style.Titles ? 30 : 6;
        double left = 16 + style.FontSize * 3.4, plotRight = style.Width - Right, plotBottom = top + PlotHeight;
        double X(double x) => left + (x - xMin) / (xMax - xMin) * (plotRight - left);
        double Scale(double y) => LogY ? Math.Log10(Math.Max(y, LogFloor)) : y;
        double Y(double y) => plotBottom - (Math.Clamp(Scale(y), Scale(yMin), Scale(yMax)) - Scale(yMin)) / (Scale(yMax) - Scale(yMin)) * (plotBottom - top);

        var shapes = new List<Shape>();
        if (style.Titles)
        {
            shapes.Add(new Label(style.Width / 2, 10, Title, style.FontSize + 1.5, Anchor.Middle, Bold: true));
            shapes.Add(new Label(style.Width / 2, 20, Note, style.FontSize, Anchor.Middle, Colour: "#444444"));
        }
        shapes.Add(Axes(style, xMin, xMax, yMin, yMax, left, plotRight, top, plotBottom, X, Y));

        var plotted = new List<Shape>();
        foreach (var mark in Marks)
            plotted.Add(new Polyline([new(X(mark.X), top), new(X(mark.X), plotBottom)], new Stroke(mark.Colour, 0.8, "3 2"))
                { Data = [("x", Number(mark.X)), .. mark.Data] });
        foreach (var series in Series) plotted.Add(SeriesShapes(series, X, Y));
        shapes.Add(new Group("plot", plotted)
        {
            Data =
            [
                ("x-min", Number(xMin)), ("x-max", Number(xMax)), ("y-min", Number(yMin)), ("y-max", Number(yMax)),
                ("left", Number(left)), ("right", Number(plotRight)), ("top", Number(top)), ("bottom", Number(plotBottom)),
                .. LogY ? new[] { ("y-scale", "log10") } : [],
            ],
        });

        var legend = Legend.Draw(Series.Where(s => s.InLegend)
                .Select(s => new LegendItem(s.Name, s.Colour, s.Dash, s.Markers ? s.Marker : null, s.Hollow, LineOnly: !s.Markers, MarkerOnly: !s.Line)).ToList(),
            style, plotBottom + 14 + style.FontSize * 2.4);
        shapes.Add(legend.Group);
        return new Figure(style.Width, legend.Bottom + 4, $"{Title}: {Note}", shapes);
    }

    public IEnumerable<PlotDatum> Data() => Series.SelectMany(s => s.Points.OrderBy(p => p.X).Select(p => new PlotDatum(s.Name, Number(p.X), p.Y, p.Spread, p.Seeds)
    {
        Arm = PlotData.Tag(s.Data, "arm"), Round = PlotData.IntTag(s.Data, "round"), Seed = PlotData.IntTag(s.Data, "seed"),
        Revision = PlotData.Tag(s.Data, "revision"),
    }));

    (double, double) FitY()
    {
        var values = Series.SelectMany(s => s.Points.SelectMany(p => s.Band ? new[] { p.Y - (p.Spread ?? 0), p.Y + (p.Spread ?? 0) } : [p.Y]))
            .DefaultIfEmpty(0).ToList();
        double low = values.Min(), high = values.Max();
        if (IntegerY) { low = Math.Floor(low) - 0.5; high = Math.Ceiling(high) + 0.5; }
        if (high - low < 1e-9) { low -= 1; high += 1; }
        return (low, high);
    }

    /// <summary>Whole decades around the data, from <see cref="LogFloor"/> at the least.</summary>
    (double, double) FitLog()
    {
        var values = Series.SelectMany(s => s.Points.Select(p => Math.Max(p.Y, LogFloor))).DefaultIfEmpty(LogFloor).ToList();
        double low = Math.Pow(10, Math.Floor(Math.Log10(values.Min()) + 1e-9)), high = Math.Pow(10, Math.Ceiling(Math.Log10(values.Max()) - 1e-9));
        if (YRange is { } r) high = Math.Min(high, r.Max);
        // One decade at least: every label wrong (all at 1) still gets an axis.
        if (high <= low) low = high / 10;
        return (low, high);
    }

    Group Axes(FigureStyle style, double xMin, double xMax, double yMin, double yMax, double left, double right, double top, double bottom,
        Func<double, double> X, Func<double, double> Y)
    {
        var shapes = new List<Shape>();
        var xTicks = Ticks.Nice(Math.Ceiling(xMin), Math.Floor(xMax), style.Width < 240 ? 6 : 8, IntegerX).Where(t => t >= xMin && t <= xMax).ToList();
        foreach (double t in xTicks)
        {
            shapes.Add(new Polyline([new(X(t), bottom), new(X(t), bottom + 2.5)], new Stroke("#000000", 0.6)));
            shapes.Add(new Label(X(t), bottom + 3.5 + style.FontSize, Tick(t, xTicks), style.FontSize, Anchor.Middle));
        }
        var yTicks = LogY ? Decades(yMin, yMax) : Ticks.Nice(yMin, yMax, 6, IntegerY).Where(t => t >= yMin - 1e-9 && t <= yMax + 1e-9).ToList();
        foreach (double t in yTicks)
        {
            shapes.Add(new Polyline([new(left - 2.5, Y(t)), new(left, Y(t))], new Stroke("#000000", 0.6)));
            shapes.Add(new Polyline([new(left, Y(t)), new(right, Y(t))], new Stroke("#e4e4e4", 0.4)));
            shapes.Add(new Label(left - 4, Y(t) + style.FontSize * 0.34, LogY ? LogTick(t) : Tick(t, yTicks), style.FontSize, Anchor.End));
        }
        // The frame last, over the grid lines.
        shapes.Add(new Box(left, top, right - left, bottom - top, null, new Stroke("#000000", 0.6)));
        shapes.Add(new Label((left + right) / 2, bottom + 6 + style.FontSize * 2.2, XLabel, style.AxisTitleSize, Anchor.Middle));
        shapes.Add(new Label(style.AxisTitleSize + 2, (top + bottom) / 2, YLabel, style.AxisTitleSize, Anchor.Middle, Vertical: true));
        return new Group("axes", shapes);
    }

    /// <summary>Every decade; with two decades or fewer also 2 and 5 times each, so a short axis has more than its ends.</summary>
    static IReadOnlyList<double> Decades(double low, double high)
    {
        int first = (int)Math.Round(Math.Log10(low)), last = (int)Math.Round(Math.Log10(high));
        var steps = last - first <= 2 ? new[] { 1.0, 2, 5 } : [1.0];
        var ticks = new List<double>();
        for (int e = first; e <= last; e++)
            foreach (double m in steps)
                if (Math.Round(m * Math.Pow(10, e), 12) is var t && t >= low * (1 - 1e-9) && t <= high * (1 + 1e-9)) ticks.Add(t);
        return ticks;
    }

    /// <summary>A decade as a reader writes it: 0.001, 0.01, 0.1, 1.</summary>
    static string LogTick(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    static Group SeriesShapes(ChartSeries series, Func<double, double> X, Func<double, double> Y)
    {
        var shapes = new List<Shape>();
        var points = series.Points.OrderBy(p => p.X).ToList();
        if (series.Band && points.Any(p => p.Spread is > 0))
        {
            var upper = points.Select(p => new Point(X(p.X), Y(p.Y + (p.Spread ?? 0))));
            var lower = points.Select(p => new Point(X(p.X), Y(p.Y - (p.Spread ?? 0)))).Reverse();
            shapes.Add(new Polygon(upper.Concat(lower).ToList(), series.Colour, 0.18) { Data = [("band", "mean ± 1 sd")] });
        }
        if (points.Count > 1 && series.Line)
            shapes.Add(new Polyline(points.Select(p => new Point(X(p.X), Y(p.Y))).ToList(), new Stroke(series.Colour, series.Width, series.Dash)));
        // A long curve without markers (a training loss) keeps its numbers in its CSV, not in thousands of anchors.
        foreach (var p in series.Markers || series.Anchors ? points : [])
        {
            var data = p.Spread is { } sd ? new[] { ("x", Number(p.X)), ("y", Number(p.Y)), ("sd", Number(sd)) } : [("x", Number(p.X)), ("y", Number(p.Y))];
            // A seed's thin line keeps its numbers on invisible anchors rather than on markers that would crowd the mean's.
            shapes.Add(series.Markers
                ? new Marker(new(X(p.X), Y(p.Y)), series.Marker, 3.4, series.Colour, series.Hollow) { Data = data }
                : new Marker(new(X(p.X), Y(p.Y)), MarkerKind.Circle, 0, series.Colour) { Data = data });
        }
        return new Group("series", shapes) { Data = [("name", series.Name), ("colour", series.Colour), .. series.Data] };
    }

    /// <summary>A tick label with as many decimals as its axis's step needs, the same on every tick (0.0, 0.2, ..., 1.0).</summary>
    static string Tick(double value, IReadOnlyList<double> ticks)
    {
        double step = ticks.Count > 1 ? ticks[1] - ticks[0] : 1;
        int decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(step) - 1e-9), 0, 6);
        return Minus((Math.Abs(value) < 1e-9 ? 0 : value).ToString("F" + decimals, CultureInfo.InvariantCulture));
    }

    /// <summary>A typographic minus sign (U+2212) for a negative number, as print sets it, not a hyphen.</summary>
    public static string Minus(string number) => number.StartsWith('-') ? "\u2212" + number[1..] : number;

    /// <summary>Shortest round-trip text of a number, invariant: what the CSV says too.</summary>
    public static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
