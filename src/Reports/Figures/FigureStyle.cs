using System.Globalization;

namespace Runner.Reports.Figures;

/// <summary>
/// How a figure is laid out: its width in points, its smallest text, and whether its title and note
/// are drawn in it. The page's figures carry their title and the statistic they show; a paper's
/// figures carry neither (its caption does) and are drawn at the column's width, so their text
/// prints at the size given here, never scaled down.
/// </summary>
public sealed record FigureStyle(double Width, double FontSize, bool Titles)
{
    /// <summary>The page: 3.5 in wide, 6.5 pt ticks and legends, title and note on top.</summary>
    public static readonly FigureStyle Page = new(252, 6.5, Titles: true);

    /// <summary>ICML's column, 3.25 in: what `runner report --paper` uses unless told another width.</summary>
    public const double DefaultColumnInches = 3.25;

    /// <summary>The smallest text a paper figure has: 7 pt, the least most venues accept in figures.</summary>
    public const double PaperFontSize = 7;

    /// <summary>A paper's column of <paramref name="inches"/>: no title or note, text at least 7 pt.</summary>
    public static FigureStyle Paper(double inches) => new(inches * 72, PaperFontSize, Titles: false);

    /// <summary>Axis titles, one step above the ticks.</summary>
    public double AxisTitleSize => FontSize + 0.5;

    public override string ToString() => Titles ? "page" : string.Create(CultureInfo.InvariantCulture, $"paper, {Width / 72:0.##} in");
}
