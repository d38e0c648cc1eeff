using SkiaSharp;

namespace Runner.Reports.Figures;

/// <summary>
/// A figure as a one-page vector PDF of its size in points (SkiaSharp's PDF backend), drawn from
/// the same shapes as the SVG and PNG; fonts are embedded as subsets. No creation date is written,
/// so the same figure gives the same bytes.
/// </summary>
public static class PdfWriter
{
    public static byte[] Write(Figure figure)
    {
        using var stream = new MemoryStream();
        using (var managed = new SKManagedWStream(stream))
        {
            var metadata = new SKDocumentPdfMetadata
            {
                Title = figure.Description, Creator = "runner report", Producer = "runner report (SkiaSharp)",
                Creation = null, Modified = null, RasterDpi = 300, PdfA = false, EncodingQuality = 101,
            };
            using var document = SKDocument.CreatePdf(managed, metadata);
            var canvas = document.BeginPage((float)figure.Width, (float)figure.Height);
            canvas.Clear(SKColors.White);
            SkiaPainter.Paint(canvas, figure);
            document.EndPage();
            document.Close();
        }
        return stream.ToArray();
    }
}
