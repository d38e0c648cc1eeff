using System.Globalization;

namespace Runner.Core.Ledger.Diff;

/// <summary>How the numbers of a diff read in the terminal table, in Markdown and in reports: frontiers to 0.1, accuracies to 0.001.</summary>
public static class DiffCells
{
    public static string Metric(DiffRow row) =>
        row.IsFrontier ? "frontier" : $"accuracy @ {row.Difficulty!.Value}";

    public static string Seeds(DiffRow row) => $"{Count(row.A)}/{Count(row.B)}";

    public static string Stats(DiffRow row, SeedStats? stats) =>
        stats is null ? "" : $"{Number(row, stats.Mean)} ± {Number(row, stats.Spread)}";

    // The third section formats a delta that rounds to zero, so float dust never shows as "+0.000".
    public static string Delta(DiffRow row) =>
        row.Delta?.ToString(row.IsFrontier ? "+0.0;-0.0;0.0" : "+0.000;-0.000;0.000", CultureInfo.InvariantCulture) ?? "";

    public static string Noise(DiffRow row) => row.Noise is { } noise ? Number(row, noise) : "";

    /// <summary>e.g. "1 better, 1 worse, 3 within noise".</summary>
    public static string Summary(ResultsDiff diff) =>
        string.Join(", ", diff.Rows.GroupBy(r => r.Verdict).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.Text()}"));

    /// <summary>Where a side's rows came from, so a reader can tell committed results from local ones.</summary>
    public static string Source(LedgerSnapshot side) => side.Source switch
    {
        SnapshotSource.Committed => "ledger as committed",
        SnapshotSource.TaggedInWorkingTree => $"working-tree ledger rows tagged {side.ShortSha} (no ledger rows in that commit)",
        _ => "ledger files on disk",
    };

    static string Count(SeedStats? stats) => stats?.Seeds.ToString(CultureInfo.InvariantCulture) ?? "-";

    static string Number(DiffRow row, double value) => value.ToString(row.IsFrontier ? "0.0" : "0.000", CultureInfo.InvariantCulture);
}
