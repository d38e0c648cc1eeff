using Runner.Core.Ledger.Diff;
using Runner.Reports.Tables;

namespace Runner.Reports.Sections;

/// <summary>
/// With two or more revisions, `runner diff` between each and the next: its verdicts per arm, round
/// and difficulty, as the diff command prints them. The page shows the frontier rows and every row
/// beyond noise; the full table is in tables/diff-&lt;A&gt;-&lt;B&gt;.md|tex.
/// </summary>
public static class RevisionsSection
{
    /// <param name="Shown">The frontier rows and the rows beyond noise, for the page.</param>
    public sealed record View(string A, string B, string Summary, TableView Full, TableView Shown, int Hidden);

    public static IReadOnlyList<View> Build(ReportContext context)
    {
        var views = new List<View>();
        for (int i = 0; i + 1 < context.Sides.Count; i++)
        {
            var (a, b) = (context.Sides[i].Side, context.Sides[i + 1].Side);
            var diff = ResultsDiff.Compare(a.Snapshot.Filter(context.SpecName), b.Snapshot.Filter(context.SpecName));
            var rows = diff.Rows.Select(r => (Row: r, Cells: (IReadOnlyList<Cell>)
            [
                new(r.Arm), new(Numbers.Int(r.Round), Numeric: true), new(DiffCells.Metric(r)), new(DiffCells.Seeds(r)),
                new(DiffCells.Stats(r, r.A), Numeric: true), new(DiffCells.Stats(r, r.B), Numeric: true),
                new(DiffCells.Delta(r), Numeric: true), new(DiffCells.Noise(r), Numeric: true), new(r.Verdict.Text()),
            ])).ToList();
            var table = new Table($"diff-{a.Slug}-{b.Slug}", $"runner diff {a.Label} {b.Label}",
                ["arm", "round", "metric", "seeds", "A", "B", "delta", "noise", "verdict"], rows.Select(r => r.Cells).ToList());
            var shown = new TableView(table with { Rows = rows.Where(r => r.Row.IsFrontier || r.Row.Verdict != Verdict.WithinNoise).Select(r => r.Cells).ToList() }, Exported: false);
            views.Add(new View(a.Label, b.Label, DiffCells.Summary(diff), TableView.Export(context.Exports, table), shown, rows.Count - shown.Rows.Count));
        }
        return views;
    }
}
