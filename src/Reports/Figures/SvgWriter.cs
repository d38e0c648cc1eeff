using System.Globalization;
using System.Net;
using System.Text;

namespace Runner.Reports.Figures;

/// <summary>
/// A figure as standalone SVG text: sized in points, no ids, no script, no external reference,
/// coordinates to 0.01 pt, so the same figure always gives the same bytes and can be inlined
/// into a page beside other figures.
/// </summary>
public static class SvgWriter
{
    /// <summary>Fonts a reader's machine likely has; the PNG export draws with the first one found.</summary>
    public const string FontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif";

    public static string Write(Figure figure)
    {
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(figure.Width)}pt\" height=\"{N(figure.Height)}pt\" ")
            .Append($"viewBox=\"0 0 {N(figure.Width)} {N(figure.Height)}\" role=\"img\" aria-label=\"{Escape(figure.Description)}\" ")
            .Append($"font-family=\"{FontFamily}\">\n");
        svg.Append($"<rect x=\"0\" y=\"0\" width=\"{N(figure.Width)}\" height=\"{N(figure.Height)}\" fill=\"#ffffff\"/>\n");
        foreach (var shape in figure.Shapes) WriteShape(svg, shape, "");
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    static void WriteShape(StringBuilder svg, Shape shape, string indent)
    {
        string data = string.Concat(shape.Data.Select(d => $" data-{d.Name}=\"{Escape(d.Value)}\""));
        switch (shape)
        {
            case Group group:
                svg.Append($"{indent}<g class=\"{Escape(group.Class)}\"{data}>\n");
                foreach (var child in group.Shapes) WriteShape(svg, child, indent + " ");
                svg.Append($"{indent}</g>\n");
                break;
            case Polyline line:
                svg.Append($"{indent}<polyline points=\"{Points(line.Points)}\" fill=\"none\"{StrokeAttributes(line.Stroke)} stroke-linejoin=\"round\"{data}/>\n");
                break;
            case Polygon polygon:
                svg.Append($"{indent}<polygon points=\"{Points(polygon.Points)}\" fill=\"{polygon.Fill}\" fill-opacity=\"{N(polygon.Opacity)}\" stroke=\"none\"{data}/>\n");
                break;
            case Box box:
                svg.Append($"{indent}<rect x=\"{N(box.X)}\" y=\"{N(box.Y)}\" width=\"{N(box.Width)}\" height=\"{N(box.Height)}\" fill=\"{box.Fill ?? "none"}\"")
                    .Append(box.Stroke is null ? " stroke=\"none\"" : StrokeAttributes(box.Stroke)).Append($"{data}/>\n");
                break;
            case Label label:
                string anchor = label.Anchor switch { Anchor.Middle => "middle", Anchor.End => "end", _ => "start" };
                string rotate = label.Vertical ? $" transform=\"rotate(-90 {N(label.X)} {N(label.Y)})\"" : "";
                string bold = label.Bold ? " font-weight=\"bold\"" : "";
                svg.Append($"{indent}<text x=\"{N(label.X)}\" y=\"{N(label.Y)}\" font-size=\"{N(label.Size)}\" text-anchor=\"{anchor}\" fill=\"{label.Colour}\"{bold}{rotate}{data}>")
                    .Append(Escape(label.Text)).Append("</text>\n");
                break;
            case Marker marker:
                svg.Append(indent).Append(MarkerElement(marker, data)).Append('\n');
                break;
            default:
                throw new ArgumentException($"Unknown shape {shape.GetType().Name}");
        }
    }

    static string MarkerElement(Marker m, string data)
    {
        string paint = m.Hollow
            ? $" fill=\"#ffffff\" stroke=\"{m.Colour}\" stroke-width=\"0.9\""
            : $" fill=\"{m.Colour}\" stroke=\"{m.Colour}\" stroke-width=\"0.5\"";
        double r = m.Size / 2;
        var (x, y) = (m.At.X, m.At.Y);
        return m.Kind switch
        {
            MarkerKind.Circle => $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(r)}\"{paint}{data}/>",
            MarkerKind.Square => $"<rect x=\"{N(x - r)}\" y=\"{N(y - r)}\" width=\"{N(2 * r)}\" height=\"{N(2 * r)}\"{paint} data-cx=\"{N(x)}\" data-cy=\"{N(y)}\"{data}/>",
            _ when MarkerShapes.IsLineOnly(m.Kind) =>
                $"<polyline points=\"{Points(MarkerShapes.Outline(m))}\" fill=\"none\" stroke=\"{m.Colour}\" stroke-width=\"1\" data-cx=\"{N(x)}\" data-cy=\"{N(y)}\"{data}/>",
            _ => $"<polygon points=\"{Points(MarkerShapes.Outline(m))}\"{paint} data-cx=\"{N(x)}\" data-cy=\"{N(y)}\"{data}/>",
        };
    }

    static string StrokeAttributes(Stroke stroke) =>
        $" stroke=\"{stroke.Colour}\" stroke-width=\"{N(stroke.Width)}\"" + (stroke.Dash is null ? "" : $" stroke-dasharray=\"{stroke.Dash}\"");

    static string Points(IEnumerable<Point> points) => string.Join(" ", points.Select(p => $"{N(p.X)},{N(p.Y)}"));

    /// <summary>A coordinate to 0.01 pt, invariant, without trailing zeros.</summary>
    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    static string Escape(string text) => WebUtility.HtmlEncode(text);
}
