using System.Text;

namespace Runner.Reports.Tables;

/// <summary>A table as GitHub-flavoured Markdown (best values in bold) and as a LaTeX booktabs tabular (\textbf).</summary>
public static class TableText
{
    public static string Markdown(Table table)
    {
        var md = new StringBuilder();
        md.Append("| ").Append(string.Join(" | ", table.Header.Select(EscapeMarkdown))).Append(" |\n");
        md.Append('|').Append(string.Join("|", table.NumericColumns.Select(n => n ? "---:" : "---"))).Append("|\n");
        foreach (var row in table.Rows)
            md.Append("| ").Append(string.Join(" | ", row.Select(c => c.Best ? $"**{EscapeMarkdown(c.Text)}**" : EscapeMarkdown(c.Text)))).Append(" |\n");
        return md.ToString();
    }

    /// <summary>Needs \usepackage{booktabs} in the paper's preamble.</summary>
    public static string Latex(Table table)
    {
        var tex = new StringBuilder();
        tex.Append($"% {table.Title}\n");
        tex.Append("\\begin{tabular}{").Append(string.Concat(table.NumericColumns.Select(n => n ? "r" : "l"))).Append("}\n");
        tex.Append("\\toprule\n");
        tex.Append(string.Join(" & ", table.Header.Select(EscapeLatex))).Append(" \\\\\n");
        tex.Append("\\midrule\n");
        foreach (var row in table.Rows)
            tex.Append(string.Join(" & ", row.Select(c => c.Best ? $"\\textbf{{{EscapeLatex(c.Text)}}}" : EscapeLatex(c.Text)))).Append(" \\\\\n");
        tex.Append("\\bottomrule\n");
        tex.Append("\\end{tabular}\n");
        return tex.ToString();
    }

    static string EscapeMarkdown(string text) => text.Replace("|", "\\|");

    public static string EscapeLatex(string text)
    {
        var tex = new StringBuilder();
        foreach (char c in text)
            tex.Append(c switch
            {
                '\\' => "\\textbackslash{}",
                '&' or '%' or '$' or '#' or '_' or '{' or '}' => "\\" + c,
                '~' => "\\textasciitilde{}",
                '^' => "\\textasciicircum{}",
                '±' => "$\\pm$",
                '–' => "--",
                '\u2212' => "$-$",
                '≥' => "$\\geq$",
                '≤' => "$\\leq$",
                '×' => "$\\times$",
                '→' => "$\\rightarrow$",
                _ => c.ToString(),
            });
        return tex.ToString();
    }
}
