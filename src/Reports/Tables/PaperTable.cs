using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Runner.Reports.Tables;

/// <summary>
/// A table as a LaTeX booktabs fragment that fits a paper's column (\columnwidth) at \footnotesize
/// without scaling its text: columns with one value in every row are dropped (a comment names
/// them and their value), numbers get real minus signs, a column of whole numbers prints them as
/// whole numbers, headers break over two lines; a table still too wide is turned (one column per
/// row) when it has fewer rows than columns and one name per row, and otherwise set as several
/// tabulars one under the other, each repeating the columns that name a row (arm, round).
/// </summary>
public static partial class PaperTable
{
    /// <summary>Rough advance of a character at \footnotesize (8 pt Computer Modern): digits are 4 pt, letters about as much.</summary>
    const double CharWidth = 4.4, ColumnSeparation = 3;

    public static string Latex(Table table, double columnWidthPt)
    {
        var (kept, dropped) = WithoutConstantColumns(table);
        var shaped = WholeNumbers(kept);
        bool turned = false;
        // Turning needs one name per row (an arm): rows named by arm and round would become columns of the same name.
        if (Width(shaped) > columnWidthPt && shaped.Rows.Count + 1 < shaped.Header.Count && KeyColumns(shaped) == 1)
        {
            var turnedTable = Turn(shaped);
            if (Width(turnedTable) < Width(shaped)) { shaped = turnedTable; turned = true; }
        }
        var tex = new StringBuilder();
        tex.Append($"% {table.Title}\n");
        tex.Append("% Needs \\usepackage{booktabs}; sized for a column of ")
            .Append(string.Create(CultureInfo.InvariantCulture, $"{columnWidthPt / 72:0.##} in")).Append(" at \\footnotesize.\n");
        if (dropped.Count > 0) tex.Append("% The same in every row, so left out: ").Append(string.Join("; ", dropped)).Append(".\n");
        if (turned) tex.Append("% Turned: one column per row of the page's table, so it fits the column.\n");
        tex.Append("{\\footnotesize\\setlength{\\tabcolsep}{").Append(ColumnSeparation.ToString(CultureInfo.InvariantCulture)).Append("pt}%\n");
        var parts = Split(shaped, columnWidthPt);
        for (int i = 0; i < parts.Count; i++)
        {
            if (i > 0) tex.Append("\\\\[6pt]\n");
            Tabular(tex, parts[i]);
        }
        tex.Append("}\n");
        return tex.ToString();
    }

    /// <summary>Columns after the first whose text is the same in every row (of two or more), and "header value" for each.</summary>
    public static (Table Kept, IReadOnlyList<string> Dropped) WithoutConstantColumns(Table table)
    {
        if (table.Rows.Count < 2) return (table, []);
        var constant = Enumerable.Range(1, table.Header.Count - 1)
            .Where(c => table.Rows.Select(r => r[c].Text).Distinct().Count() == 1).ToHashSet();
        var keep = Enumerable.Range(0, table.Header.Count).Where(c => !constant.Contains(c)).ToList();
        var dropped = constant.Order().Select(c => $"{table.Header[c]} {table.Rows[0][c].Text}").ToList();
        return (table with { Header = keep.Select(c => table.Header[c]).ToList(), Rows = table.Rows.Select(r => (IReadOnlyList<Cell>)keep.Select(c => r[c]).ToList()).ToList() }, dropped);
    }

    /// <summary>A column whose numbers all end in ".0" (a frontier of one seed, "14.0") prints them without the decimals.</summary>
    static Table WholeNumbers(Table table)
    {
        var whole = Enumerable.Range(0, table.Header.Count)
            .Select(c => table.Rows.All(r => r[c].Text is "" or "–" || WholeNumber().IsMatch(r[c].Text)) && table.Rows.Any(r => WholeNumber().IsMatch(r[c].Text)))
            .ToList();
        return table with
        {
            Rows = table.Rows.Select(r => (IReadOnlyList<Cell>)r.Select((cell, c) => whole[c] && WholeNumber().IsMatch(cell.Text)
                ? cell with { Text = cell.Text[..cell.Text.IndexOf('.')] } : cell).ToList()).ToList(),
        };
    }

    [GeneratedRegex(@"^[-\u2212]?\d[\d,]*\.0+$")]
    private static partial Regex WholeNumber();

    /// <summary>The table turned a quarter: its first column becomes the header, its header the first column.</summary>
    static Table Turn(Table table)
    {
        var header = new List<string> { table.Header[0] }.Concat(table.Rows.Select(r => r[0].Text)).ToList();
        var rows = Enumerable.Range(1, table.Header.Count - 1).Select(c =>
            (IReadOnlyList<Cell>)new List<Cell> { new(table.Header[c]) }.Concat(table.Rows.Select(r => r[c])).ToList()).ToList();
        return table with { Header = header, Rows = rows };
    }

    /// <summary>How many leading columns it takes to name a row (arm; arm and round; arm, seed and round), at most three.</summary>
    static int KeyColumns(Table table)
    {
        for (int k = 1; k < Math.Min(3, table.Header.Count); k++)
            if (table.Rows.Select(r => string.Join("\u0001", r.Take(k).Select(c => c.Text))).Distinct().Count() == table.Rows.Count) return k;
        return Math.Min(3, table.Header.Count - 1);
    }

    /// <summary>Groups of columns that each fit the width, every group led by the columns that name a row.</summary>
    static IReadOnlyList<Table> Split(Table table, double width)
    {
        var widths = Enumerable.Range(0, table.Header.Count).Select(c => ColumnWidth(table, c)).ToList();
        int keys = Math.Max(1, KeyColumns(table));
        var key = Enumerable.Range(0, keys).ToList();
        double keyWidth = key.Sum(c => widths[c]);
        var groups = new List<List<int>>();
        var current = new List<int>(key);
        double used = keyWidth;
        for (int c = keys; c < table.Header.Count; c++)
        {
            if (current.Count > keys && used + widths[c] > width) { groups.Add(current); current = [.. key]; used = keyWidth; }
            current.Add(c);
            used += widths[c];
        }
        groups.Add(current);
        return groups.Select(g => table with
        {
            Header = g.Select(c => table.Header[c]).ToList(),
            Rows = table.Rows.Select(r => (IReadOnlyList<Cell>)g.Select(c => r[c]).ToList()).ToList(),
        }).ToList();
    }

    static double Width(Table table) => Enumerable.Range(0, table.Header.Count).Sum(c => ColumnWidth(table, c));

    static double ColumnWidth(Table table, int c)
    {
        int longest = HeaderLines(table.Header[c]).Max(l => l.Length);
        foreach (var row in table.Rows) longest = Math.Max(longest, Printed(row[c].Text).Length + (row[c].Best ? 1 : 0));
        return longest * CharWidth + 2 * ColumnSeparation;
    }

    /// <summary>The text as it prints (a "$\pm$" is one character wide, not five).</summary>
    static string Printed(string text) => text.Replace(" ± ", "±");

    /// <summary>A header of several words in two lines, broken at the space nearest its middle.</summary>
    static IReadOnlyList<string> HeaderLines(string header)
    {
        var spaces = Enumerable.Range(0, header.Length).Where(i => header[i] == ' ').ToList();
        if (spaces.Count == 0) return [header];
        int split = spaces.MinBy(i => Math.Abs(i - header.Length / 2.0));
        return [header[..split], header[(split + 1)..]];
    }

    static void Tabular(StringBuilder tex, Table table)
    {
        var numeric = table.NumericColumns;
        tex.Append("\\begin{tabular}{@{}").Append(string.Concat(numeric.Select(n => n ? "r" : "l"))).Append("@{}}\n");
        tex.Append("\\toprule\n");
        tex.Append(string.Join(" & ", table.Header.Select((h, c) =>
        {
            var lines = HeaderLines(h);
            return lines.Count == 1 ? TableText.EscapeLatex(h)
                : $"\\shortstack[{(numeric[c] ? "r" : "l")}]{{{string.Join("\\\\", lines.Select(TableText.EscapeLatex))}}}";
        }))).Append(" \\\\\n");
        tex.Append("\\midrule\n");
        foreach (var row in table.Rows)
            tex.Append(string.Join(" & ", row.Select(c =>
            {
                string text = TableText.EscapeLatex(Minus(c));
                return c.Best ? $"\\textbf{{{text}}}" : text;
            }))).Append(" \\\\\n");
        tex.Append("\\bottomrule\n");
        tex.Append("\\end{tabular}\n");
    }

    /// <summary>A number's leading hyphen as a minus sign (U+2212, set as $-$).</summary>
    static string Minus(Cell cell) => cell.Numeric && cell.Text.StartsWith('-') && cell.Text.Length > 1 && char.IsAsciiDigit(cell.Text[1])
        ? "\u2212" + cell.Text[1..] : cell.Text;
}
