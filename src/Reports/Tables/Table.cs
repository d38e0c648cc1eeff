namespace Runner.Reports.Tables;

/// <summary>A cell: its text, whether it is the best of its column (bold everywhere), and whether it is a number (right-aligned).</summary>
public sealed record Cell(string Text, bool Best = false, bool Numeric = false);

/// <summary>
/// A table of the report, rendered by the page's template as HTML and exported as Markdown and
/// LaTeX (booktabs) under tables/&lt;Name&gt;.md|tex.
/// </summary>
public sealed record Table(string Name, string Title, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<Cell>> Rows)
{
    /// <summary>Whether each column holds numbers (right-aligned), from its cells.</summary>
    public IReadOnlyList<bool> NumericColumns => Header.Select((_, i) => Rows.Count > 0 && Rows.All(r => r[i].Numeric || r[i].Text is "" or "–")).ToList();

    /// <summary>
    /// Marks the best value of a column: the highest (or lowest) <paramref name="key"/>; ties all
    /// marked; rows without a value never.
    /// </summary>
    public static IReadOnlyList<bool> Best(IReadOnlyList<double?> key, bool higherIsBetter)
    {
        var present = key.Where(k => k is not null && !double.IsNaN(k.Value)).Select(k => k!.Value).ToList();
        if (present.Count < 2) return key.Select(_ => false).ToList();
        double best = higherIsBetter ? present.Max() : present.Min();
        return key.Select(k => k is { } v && Math.Abs(v - best) < 1e-12).ToList();
    }
}
