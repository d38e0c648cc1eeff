using System.Globalization;

namespace Runner.Cli.Display;

/// <summary>Large counts and durations as a reader takes them in at a glance.</summary>
public static class Quantities
{
    /// <summary>"1,234,567".</summary>
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"812 GFLOP", "1.23 PFLOP": three significant digits in the largest unit under the number.</summary>
    public static string Flops(double flops)
    {
        string[] units = ["FLOP", "kFLOP", "MFLOP", "GFLOP", "TFLOP", "PFLOP", "EFLOP"];
        int unit = 0;
        while (flops >= 1000 && unit < units.Length - 1) { flops /= 1000; unit++; }
        return (flops >= 100 ? flops.ToString("0", CultureInfo.InvariantCulture) : flops.ToString("0.##", CultureInfo.InvariantCulture)) + " " + units[unit];
    }

    /// <summary>"0.4 s", "42 s", "3 min 20 s", "2 h 05 min".</summary>
    public static string Duration(double seconds)
    {
        if (seconds < 10) return seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
        long whole = (long)Math.Round(seconds);
        if (whole < 60) return $"{whole} s";
        if (whole < 3600) return $"{whole / 60} min {whole % 60:00} s";
        long minutes = (long)Math.Round(seconds / 60);
        return $"{minutes / 60} h {minutes % 60:00} min";
    }

    /// <summary>"512 B", "36.4 MB", "17.2 GB": decimal units, as disks are sold.</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB"];
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < units.Length - 1) { value /= 1000; unit++; }
        return unit == 0 ? $"{bytes} B" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
