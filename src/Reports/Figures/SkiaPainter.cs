using System.Globalization;
using SkiaSharp;

namespace Runner.Reports.Figures;

/// <summary>Draws a figure's shapes on a Skia canvas in points: the PNG and the PDF exports share it, so they show the same thing.</summary>
public static class SkiaPainter
{
    public static void Paint(SKCanvas canvas, Figure figure)
    {
        using var typeface = Typeface();
        using var bold = Typeface(SKFontStyle.Bold);
        foreach (var shape in figure.Shapes) Draw(canvas, shape, typeface, bold);
    }

    static SKTypeface Typeface(SKFontStyle? style = null)
    {
        foreach (var family in SvgWriter.FontFamily.Split(',', StringSplitOptions.TrimEntries))
            if (SKTypeface.FromFamilyName(family, style ?? SKFontStyle.Normal) is { } found
                && found.FamilyName.Equals(family, StringComparison.OrdinalIgnoreCase))
                return found;
        return SKTypeface.FromFamilyName(null, style ?? SKFontStyle.Normal) ?? SKTypeface.Default;
    }

    static void Draw(SKCanvas canvas, Shape shape, SKTypeface typeface, SKTypeface bold)
    {
        switch (shape)
        {
            case Group group:
                foreach (var child in group.Shapes) Draw(canvas, child, typeface, bold);
                break;
            case Polyline line:
                using (var paint = StrokePaint(line.Stroke))
                using (var path = PathOf(line.Points, close: false))
                    canvas.DrawPath(path, paint);
                break;
            case Polygon polygon:
                using (var paint = new SKPaint { Color = Colour(polygon.Fill, polygon.Opacity), IsAntialias = true, Style = SKPaintStyle.Fill })
                using (var path = PathOf(polygon.Points, close: true))
                    canvas.DrawPath(path, paint);
                break;
            case Box box:
                var rect = SKRect.Create((float)box.X, (float)box.Y, (float)box.Width, (float)box.Height);
                if (box.Fill is not null)
                    using (var paint = new SKPaint { Color = Colour(box.Fill), Style = SKPaintStyle.Fill, IsAntialias = true })
                        canvas.DrawRect(rect, paint);
                if (box.Stroke is not null)
                    using (var paint = StrokePaint(box.Stroke))
                        canvas.DrawRect(rect, paint);
                break;
            case Label label:
                // Unhinted, subpixel-positioned glyphs: the canvas is scaled, and advances hinted at the
                // unscaled size would space letters unevenly.
                using (var font = new SKFont(label.Bold ? bold : typeface, (float)label.Size)
                    { Hinting = SKFontHinting.None, Subpixel = true, LinearMetrics = true, Edging = SKFontEdging.Antialias })
                using (var paint = new SKPaint { Color = Colour(label.Colour), IsAntialias = true })
                {
                    var align = label.Anchor switch { Anchor.Middle => SKTextAlign.Center, Anchor.End => SKTextAlign.Right, _ => SKTextAlign.Left };
                    canvas.Save();
                    canvas.Translate((float)label.X, (float)label.Y);
                    if (label.Vertical) canvas.RotateDegrees(-90);
                    canvas.DrawText(label.Text, 0, 0, align, font, paint);
                    canvas.Restore();
                }
                break;
            case Marker marker:
                DrawMarker(canvas, marker);
                break;
            default:
                throw new ArgumentException($"Unknown shape {shape.GetType().Name}");
        }
    }

    static void DrawMarker(SKCanvas canvas, Marker m)
    {
        if (m.Size <= 0) return; // an anchor for the SVG's numbers, not a mark
        using var fill = new SKPaint { Color = Colour(m.Hollow ? "#ffffff" : m.Colour), Style = SKPaintStyle.Fill, IsAntialias = true };
        using var outline = new SKPaint
        {
            Color = Colour(m.Colour), Style = SKPaintStyle.Stroke, IsAntialias = true,
            StrokeWidth = MarkerShapes.IsLineOnly(m.Kind) ? 1f : m.Hollow ? 0.9f : 0.5f,
        };
        if (m.Kind == MarkerKind.Circle)
        {
            canvas.DrawCircle((float)m.At.X, (float)m.At.Y, (float)(m.Size / 2), fill);
            canvas.DrawCircle((float)m.At.X, (float)m.At.Y, (float)(m.Size / 2), outline);
            return;
        }
        bool lineOnly = MarkerShapes.IsLineOnly(m.Kind);
        using var path = PathOf(MarkerShapes.Outline(m), close: !lineOnly);
        if (!lineOnly) canvas.DrawPath(path, fill);
        canvas.DrawPath(path, outline);
    }

    static SKPaint StrokePaint(Stroke stroke)
    {
        var paint = new SKPaint
        {
            Color = Colour(stroke.Colour), Style = SKPaintStyle.Stroke, StrokeWidth = (float)stroke.Width,
            IsAntialias = true, StrokeJoin = SKStrokeJoin.Round,
        };
        if (stroke.Dash is not null)
            paint.PathEffect = SKPathEffect.CreateDash(
                stroke.Dash.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(d => float.Parse(d, CultureInfo.InvariantCulture)).ToArray(), 0);
        return paint;
    }

    static SKPath PathOf(IReadOnlyList<Point> points, bool close)
    {
        var path = new SKPath();
        for (int i = 0; i < points.Count; i++)
        {
            if (i == 0) path.MoveTo((float)points[i].X, (float)points[i].Y);
            else path.LineTo((float)points[i].X, (float)points[i].Y);
        }
        if (close) path.Close();
        return path;
    }

    static SKColor Colour(string hex, double opacity = 1) =>
        SKColor.Parse(hex).WithAlpha((byte)Math.Round(255 * Math.Clamp(opacity, 0, 1)));
}
