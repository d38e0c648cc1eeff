namespace Runner.Reports;

/// <param name="Specs">Spec names, as the ledger's spec= folders and `name:` keys have them.</param>
/// <param name="Revisions">Git revisions to read the ledger at; none: the ledger files on disk.</param>
/// <param name="Out">The report folder; null: reports/&lt;spec name&gt; for one spec, reports/ for several.</param>
/// <param name="Templates">A folder whose files replace the embedded templates of the same name; null: none.</param>
/// <param name="Curves">The most rounds drawn per accuracy panel and heatmaps per arm.</param>
/// <param name="Paper">Also write paper/: figures for a paper's column (PDF, SVG, PNG, one CSV schema) and tables that fit it.</param>
/// <param name="ColumnInches">The paper's column width in inches (ICML: 3.25).</param>
public sealed record ReportOptions(
    IReadOnlyList<string> Specs,
    string Ledger = "ledger",
    IReadOnlyList<string>? Revisions = null,
    string? Out = null,
    string? Templates = null,
    int Curves = ReportOptions.DefaultCurves,
    bool Paper = false,
    double ColumnInches = Figures.FigureStyle.DefaultColumnInches)
{
    public const int DefaultCurves = 6;

    public IReadOnlyList<string> Revs => Revisions ?? [];

    /// <summary>Where a spec's page goes.</summary>
    public string SpecFolder(string spec) => Specs.Count == 1 ? Out ?? Path.Combine("reports", spec) : Path.Combine(Out ?? "reports", spec);

    /// <summary>The command that makes these pages again, as a user would type it.</summary>
    public string Command
    {
        get
        {
            var words = new List<string> { "runner", "report" };
            words.AddRange(Specs);
            if (Ledger != "ledger") words.AddRange(["--ledger", Ledger]);
            foreach (var rev in Revs) words.AddRange(["--rev", rev]);
            if (Out is not null) words.AddRange(["--out", Out]);
            if (Templates is not null) words.AddRange(["--template", Templates]);
            if (Curves != DefaultCurves) words.AddRange(["--curves", Curves.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            if (Paper) words.Add("--paper");
            if (Paper && ColumnInches != Figures.FigureStyle.DefaultColumnInches)
                words.AddRange(["--column-width", ColumnInches.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            return string.Join(" ", words.Select(Quote));
        }
    }

    static string Quote(string word) => word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./~^@:=+".Contains(c))
        ? word : "'" + word.Replace("'", "'\\''") + "'";
}
