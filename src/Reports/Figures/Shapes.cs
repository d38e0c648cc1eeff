namespace Runner.Reports.Figures;

// A figure is a list of shapes in points (1/72 inch), drawn once as SVG and once as PNG, so
// the two exports show the same thing. Data attributes carry the plotted numbers into the SVG.

public readonly record struct Point(double X, double Y);

/// <summary>A line's colour, width in points and SVG dash pattern ("4 2"; null for solid).</summary>
public sealed record Stroke(string Colour, double Width = 1, string? Dash = null);

public enum Anchor { Start, Middle, End }

public enum MarkerKind { Circle, Square, Triangle, Diamond, Cross, Plus, Star }

public abstract record Shape
{
    /// <summary>Written as data-* attributes in the SVG (tests and readers recover the numbers); ignored in the PNG.</summary>
    public IReadOnlyList<(string Name, string Value)> Data { get; init; } = [];
}

public sealed record Polyline(IReadOnlyList<Point> Points, Stroke Stroke) : Shape;

/// <summary>A filled area (a band over seeds), without outline.</summary>
public sealed record Polygon(IReadOnlyList<Point> Points, string Fill, double Opacity) : Shape;

public sealed record Box(double X, double Y, double Width, double Height, string? Fill, Stroke? Stroke = null) : Shape;

public sealed record Label(double X, double Y, string Text, double Size, Anchor Anchor = Anchor.Start,
    bool Vertical = false, bool Bold = false, string Colour = "#000000") : Shape;

public sealed record Marker(Point At, MarkerKind Kind, double Size, string Colour, bool Hollow = false) : Shape;

/// <summary>Shapes that belong together (one series, one axis); its class and data go on an SVG &lt;g&gt;.</summary>
public sealed record Group(string Class, IReadOnlyList<Shape> Shapes) : Shape;

/// <summary>A finished figure: its size in points, a one-line description (the SVG's aria-label) and its shapes.</summary>
public sealed record Figure(double Width, double Height, string Description, IReadOnlyList<Shape> Shapes);
