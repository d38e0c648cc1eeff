using SkiaSharp;

namespace Runner.Reports.Figures;

/// <summary>
/// A figure as PNG at 300 dpi (its points scaled by 300/72), drawn with SkiaSharp from the same
/// shapes as the SVG, with its resolution recorded (a pHYs chunk), so a paper's toolchain places it
/// at its size in points. Text uses the first of <see cref="SvgWriter.FontFamily"/>'s fonts that the
/// machine has (fontconfig), else Skia's default.
/// </summary>
public static class PngWriter
{
    public const int Dpi = 300;

    public static byte[] Write(Figure figure)
    {
        float scale = Dpi / 72f;
        var info = new SKImageInfo((int)Math.Ceiling(figure.Width * scale), (int)Math.Ceiling(figure.Height * scale));
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(scale);
        SkiaPainter.Paint(canvas, figure);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return PngResolution.WithDpi(png.ToArray(), Dpi);
    }
}
