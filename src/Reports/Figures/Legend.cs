namespace Runner.Reports.Figures;

/// <summary>
/// One legend entry: a line sample with its marker, a line alone (<paramref name="LineOnly"/>), a marker alone
/// (<paramref name="MarkerOnly"/>), or
/// a box (<paramref name="BoxFill"/>, or no marker).
/// </summary>
public sealed record LegendItem(string Name, string Colour, string? Dash, MarkerKind? Marker, bool Hollow = false, string? BoxFill = null,
    bool LineOnly = false, bool MarkerOnly = false);

/// <summary>A legend laid out in rows under a plot, each item a line sample with its marker (or a box) and its full name.</summary>
public static class Legend
{
    const double Sample = 16, Gap = 10, Margin = 8;

    /// <summary>Rough width of text in DejaVu Sans, the widest of the fonts the figures name.</summary>
    public static double TextWidth(string text, double size) => text.Length * size * 0.6;

    public static (Group Group, double Bottom) Draw(IReadOnlyList<LegendItem> items, FigureStyle style, double top)
    {
        var shapes = new List<Shape>();
        double rowHeight = style.FontSize * 1.45, x = Margin, y = top;
        foreach (var item in items)
        {
            double itemWidth = Sample + 3 + TextWidth(item.Name, style.FontSize);
            if (x > Margin && x + itemWidth > style.Width - Margin) { x = Margin; y += rowHeight; }
            double mid = y - style.FontSize * 0.34;
            if (item.LineOnly)
                shapes.Add(new Polyline([new(x, mid), new(x + Sample, mid)], new Stroke(item.Colour, 1.2, item.Dash)));
            else if (item.BoxFill is not null || item.Marker is null)
                shapes.Add(new Box(x + 3, mid - 3.5, Sample - 6, 7, item.BoxFill ?? "none", new Stroke(item.Colour, 1.2, item.Dash)));
            else
            {
                if (!item.MarkerOnly)
                    shapes.Add(new Polyline([new(x, mid), new(x + Sample, mid)], new Stroke(item.Colour, 1.2, item.Dash)));
                shapes.Add(new Marker(new(x + Sample / 2, mid), item.Marker.Value, 3.4, item.Colour, item.Hollow));
            }
            shapes.Add(new Label(x + Sample + 3, y, item.Name, style.FontSize));
            x += itemWidth + Gap;
        }
        return (new Group("legend", shapes), items.Count == 0 ? top - rowHeight : y);
    }
}
