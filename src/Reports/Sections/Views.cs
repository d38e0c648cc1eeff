using Runner.Reports.Figures;
using Runner.Reports.Tables;

namespace Runner.Reports.Sections;

/// <summary>A figure on the page: its inline SVG and its exports (figures/&lt;Name&gt;.svg, .png and .csv).</summary>
public sealed record FigureView(string Name, string Title, string Caption, string Svg)
{
    public string SvgFile => $"figures/{Name}.svg";
    public string PngFile => $"figures/{Name}.png";
    public string CsvFile => $"figures/{Name}.csv";

    /// <summary>
    /// Draws the figure, adds its three files to the exports, and returns what the page shows. With a
    /// paper format, also paper/figures/&lt;Name&gt;.pdf, .svg, .png and .csv: drawn at the column's
    /// width without title or note, its CSV in the schema every figure shares (<see cref="PlotData"/>).
    /// </summary>
    public static FigureView Export(Exports exports, string name, string title, string caption, IChart chart, Csv csv)
    {
        var figure = chart.Draw(FigureStyle.Page);
        string svg = SvgWriter.Write(figure);
        var view = new FigureView(name, title, caption, svg);
        exports.Add(view.SvgFile, svg);
        exports.Add(view.PngFile, PngWriter.Write(figure));
        exports.Add(view.CsvFile, csv.ToString());
        if (exports.Paper is { } paper)
        {
            var printed = chart.Draw(paper);
            exports.Add($"paper/figures/{name}.pdf", PdfWriter.Write(printed));
            exports.Add($"paper/figures/{name}.svg", SvgWriter.Write(printed));
            exports.Add($"paper/figures/{name}.png", PngWriter.Write(printed));
            exports.Add($"paper/figures/{name}.csv", PlotData.Csv(name, chart.Data()).ToString());
        }
        return view;
    }
}

/// <summary>
/// A table on the page, exported as tables/&lt;Name&gt;.md and .tex (every column) unless it is for
/// the page only. The page leaves out columns with one value in every row and says them once above
/// the table (<see cref="SameInEveryRow"/>).
/// </summary>
public sealed record TableView(Table Table, bool Exported = true)
{
    readonly (Table Kept, IReadOnlyList<string> Dropped) page = PaperTable.WithoutConstantColumns(Table);

    public string Name => Table.Name;
    public string Title => Table.Title;
    public IReadOnlyList<string> Header => page.Kept.Header;
    public IReadOnlyList<bool> Numeric => page.Kept.NumericColumns;
    public IReadOnlyList<IReadOnlyList<Cell>> Rows => page.Kept.Rows;
    /// <summary>"seeds 1", "status completed": the columns left out of the page because every row has that value.</summary>
    public IReadOnlyList<string> SameInEveryRow => page.Dropped;
    public string? MarkdownFile => Exported ? $"tables/{Name}.md" : null;
    public string? LatexFile => Exported ? $"tables/{Name}.tex" : null;

    public static TableView Export(Exports exports, Table table)
    {
        var view = new TableView(table);
        exports.Add(view.MarkdownFile!, TableText.Markdown(table));
        exports.Add(view.LatexFile!, TableText.Latex(table));
        if (exports.Paper is { } paper) exports.Add($"paper/tables/{table.Name}.tex", PaperTable.Latex(table, paper.Width));
        return view;
    }
}
