namespace Runner.Reports.Figures;

/// <summary>Axis tick positions at round numbers (1, 2 or 5 times a power of ten).</summary>
public static class Ticks
{
    /// <summary>At most about <paramref name="most"/> ticks covering [low, high]; whole numbers when <paramref name="integers"/>.</summary>
    public static IReadOnlyList<double> Nice(double low, double high, int most = 7, bool integers = false)
    {
        if (high <= low) high = low + 1;
        double raw = (high - low) / Math.Max(1, most - 1);
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1, 2, 5, 10 }.Select(m => m * power).First(s => s >= raw);
        if (integers) step = Math.Max(1, Math.Round(step));
        var ticks = new List<double>();
        for (double t = Math.Ceiling(low / step - 1e-9) * step; t <= high + step * 1e-9; t += step)
            ticks.Add(Math.Round(t, 10));
        return ticks;
    }
}
