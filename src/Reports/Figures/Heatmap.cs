using System.Globalization;

namespace Runner.Reports.Figures;

/// <summary>How a pair's cell is outlined: trained on from the start (D0), self-labelled in an earlier round, or neither.</summary>
public enum CellOutline { None, D0, SelfLabelled }

/// <summary>One pair a x b of a multiplication heatmap: mean accuracy over seeds (spread with more than one).</summary>
public sealed record HeatCell(int A, int B, double Accuracy, double? Spread, CellOutline Outline);

/// <summary>
/// Accuracy per pair of operand lengths (the paper's Figure 1d): rows are digits of the first
/// operand, columns of the second, each cell shaded and annotated with its accuracy; D0 pairs
/// outlined solid green, self-labelled pairs dashed blue, so the two differ in grayscale too.
/// </summary>
public sealed record Heatmap(string Title, string Note, IReadOnlyList<HeatCell> Cells) : IChart
{
    public const string D0Colour = "#1b7837", SelfLabelledColour = "#2166ac";
    const double Left = 30;

    public Figure Draw() => Draw(FigureStyle.Page);

    public Figure Draw(FigureStyle style)
    {
        double Width = style.Width, Top = style.Titles ? 40 : 22, FontSize = style.FontSize;
        int rows = Cells.Max(c => c.A), columns = Cells.Max(c => c.B);
        double cell = Math.Min(22, (Width - Left - 12) / columns);
        double gridLeft = Left + (Width - Left - 12 - cell * columns) / 2, gridTop = Top;
        // The page fits the annotation to the cell; a paper keeps its smallest text and lets the cell's digits touch.
        double textSize = style.Titles ? Math.Min(6, cell * 0.3) : FontSize;

        var shapes = new List<Shape>();
        if (style.Titles)
        {
            shapes.Add(new Label(Width / 2, 10, Title, FontSize + 1.5, Anchor.Middle, Bold: true));
            shapes.Add(new Label(Width / 2, 20, Note, FontSize, Anchor.Middle, Colour: "#444444"));
        }
        shapes.AddRange(
        [
            new Label(gridLeft + cell * columns / 2, Top - 11, "Digits of the second operand", style.AxisTitleSize, Anchor.Middle),
            new Label(gridLeft - 16, gridTop + cell * rows / 2, "Digits of the first operand", style.AxisTitleSize, Anchor.Middle, Vertical: true),
        ]);
        var axis = new List<Shape>();
        for (int b = 1; b <= columns; b++)
            axis.Add(new Label(gridLeft + (b - 0.5) * cell, Top - 3, b.ToString(CultureInfo.InvariantCulture), FontSize, Anchor.Middle));
        for (int a = 1; a <= rows; a++)
            axis.Add(new Label(gridLeft - 3, gridTop + (a - 0.5) * cell + 2.2, a.ToString(CultureInfo.InvariantCulture), FontSize, Anchor.End));
        shapes.Add(new Group("axes", axis));

        var cells = new List<Shape>();
        var outlines = new List<Shape>();
        foreach (var c in Cells.OrderBy(c => c.A).ThenBy(c => c.B))
        {
            double x = gridLeft + (c.B - 1) * cell, y = gridTop + (c.A - 1) * cell;
            string fill = Palette.Heat(c.Accuracy);
            var data = new List<(string, string)> { ("a", Num(c.A)), ("b", Num(c.B)), ("accuracy", LineChart.Number(c.Accuracy)) };
            if (c.Spread is { } sd) data.Add(("sd", LineChart.Number(sd)));
            data.Add(("outline", c.Outline switch { CellOutline.D0 => "d0", CellOutline.SelfLabelled => "self-labelled", _ => "none" }));
            cells.Add(new Box(x, y, cell, cell, fill, new Stroke("#ffffff", 0.5)) { Data = data });
            cells.Add(new Label(x + cell / 2, y + cell / 2 + textSize * 0.36, Annotation(c.Accuracy), textSize, Anchor.Middle,
                Colour: Palette.IsDark(fill) ? "#ffffff" : "#000000"));
            if (c.Outline != CellOutline.None)
                outlines.Add(new Box(x + 1, y + 1, cell - 2, cell - 2, null,
                    c.Outline == CellOutline.D0 ? new Stroke(D0Colour, 1.3) : new Stroke(SelfLabelledColour, 1.3, "2.5 1.5")));
        }
        shapes.Add(new Group("cells", cells));
        shapes.Add(new Group("outlines", outlines));

        double bottom = gridTop + cell * rows;
        var legend = Legend.Draw(
        [
            new LegendItem("D0 pair (trained from round 0)", D0Colour, null, null, BoxFill: "#ffffff"),
            new LegendItem("self-labelled pair", SelfLabelledColour, "2.5 1.5", null, BoxFill: "#ffffff"),
        ], style, bottom + 14);
        shapes.Add(legend.Group);
        return new Figure(Width, legend.Bottom + 4, $"{Title}: {Note}", shapes);
    }

    public IEnumerable<PlotDatum> Data() => Cells.OrderBy(c => c.A).ThenBy(c => c.B)
        .Select(c => new PlotDatum(Title, $"{Num(c.A)}x{Num(c.B)}", c.Accuracy, c.Spread));

    /// <summary>Two decimals, without the leading zero below 1 (".95"), as the paper's heatmaps print them.</summary>
    public static string Annotation(double accuracy) =>
        double.IsNaN(accuracy) ? "" : accuracy >= 0.995 ? accuracy.ToString("0.00", CultureInfo.InvariantCulture)
        : accuracy.ToString(".00", CultureInfo.InvariantCulture);

    static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
