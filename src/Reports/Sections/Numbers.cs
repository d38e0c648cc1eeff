using System.Globalization;
using Runner.Core.Ledger.Diff;

namespace Runner.Reports.Sections;

/// <summary>How numbers read in the page's tables: fractions to 0.001, frontiers to 0.1, "mean ± sd" with more than one seed.</summary>
public static class Numbers
{
    public static string Fraction(double? value) => value is { } v && !double.IsNaN(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "–";

    public static string Count(double? value) => value is { } v && !double.IsNaN(v) ? v.ToString("#,0.#", CultureInfo.InvariantCulture) : "–";

    /// <summary>"12.5 ± 0.7" (sample sd over seeds), or "12" with one seed.</summary>
    public static string MeanSd(SeedStats? stats, string format = "0.0") =>
        stats is null ? "–"
        : stats.Seeds > 1 ? $"{stats.Mean.ToString(format, CultureInfo.InvariantCulture)} ± {stats.Spread.ToString(format, CultureInfo.InvariantCulture)}"
        : stats.Mean.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>"1 h 02 min", "3 min 07 s" or "12.3 s".</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s || double.IsNaN(s)) return "–";
        var t = TimeSpan.FromSeconds(s);
        return t.TotalHours >= 1 ? $"{(int)t.TotalHours} h {t.Minutes:00} min"
            : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes} min {t.Seconds:00} s"
            : s.ToString("0.0", CultureInfo.InvariantCulture) + " s";
    }

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
