namespace Runner.Reports.Figures;

/// <summary>The outline of each marker kind, shared by the SVG and PNG writers.</summary>
public static class MarkerShapes
{
    /// <summary>Cross and plus are strokes, not areas.</summary>
    public static bool IsLineOnly(MarkerKind kind) => kind is MarkerKind.Cross or MarkerKind.Plus;

    /// <summary>Points of the marker's outline (a polygon), or for cross and plus a path drawn as one polyline.</summary>
    public static IReadOnlyList<Point> Outline(Marker m)
    {
        double r = m.Size / 2, x = m.At.X, y = m.At.Y;
        return m.Kind switch
        {
            MarkerKind.Triangle => [new(x, y - r * 1.15), new(x + r, y + r * 0.75), new(x - r, y + r * 0.75)],
            MarkerKind.Diamond => [new(x, y - r * 1.2), new(x + r, y), new(x, y + r * 1.2), new(x - r, y)],
            MarkerKind.Star => Enumerable.Range(0, 10).Select(i =>
            {
                double angle = -Math.PI / 2 + i * Math.PI / 5, radius = i % 2 == 0 ? r * 1.25 : r * 0.55;
                return new Point(x + radius * Math.Cos(angle), y + radius * Math.Sin(angle));
            }).ToList(),
            MarkerKind.Cross => [new(x - r, y - r), new(x + r, y + r), new(x, y), new(x + r, y - r), new(x - r, y + r)],
            MarkerKind.Plus => [new(x - r, y), new(x + r, y), new(x, y), new(x, y - r), new(x, y + r)],
            _ => [new(x - r, y - r), new(x + r, y - r), new(x + r, y + r), new(x - r, y + r)],
        };
    }
}
