using System.Globalization;

namespace Runner.Reports.Figures;

/// <summary>
/// Colours, dashes and markers. Arms (and revisions) take the Okabe-Ito colours, which stay apart
/// for colour-blind readers, each with its own dash and marker so a grayscale print still tells
/// them apart; rounds take a dark-to-light ramp (later rounds darker), so they read in gray too.
/// </summary>
public static class Palette
{
    static readonly string[] Categorical = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999"];
    static readonly string?[] Dashes = [null, "5 2", "1.5 1.5", "6 2 1.5 2", "3 3", "8 2 1.5 2 1.5 2"];
    static readonly MarkerKind[] Markers = [MarkerKind.Circle, MarkerKind.Square, MarkerKind.Triangle, MarkerKind.Diamond, MarkerKind.Cross, MarkerKind.Plus, MarkerKind.Star];

    // Viridis from its dark end to its teal (3.8:1 on white): its light greens and yellows are under
    // the 3:1 a line needs on white (WCAG 1.4.11), so they are left out.
    static readonly (byte R, byte G, byte B)[] Ramp = [(0x44, 0x01, 0x54), (0x3b, 0x52, 0x8b), (0x21, 0x91, 0x8c)];

    public static string Colour(int index) => Categorical[index % Categorical.Length];

    public static string? Dash(int index) => Dashes[index % Dashes.Length];

    public static MarkerKind Marker(int index) => Markers[index % Markers.Length];

    /// <summary>
    /// A round's colour, the same in every figure of a page: round 0 the lightest of the ramp,
    /// <paramref name="lastRound"/> (the last round of any arm) the darkest.
    /// </summary>
    public static string Round(int round, int lastRound) => Sequential(Math.Clamp(round, 0, Math.Max(lastRound, 0)), Math.Max(lastRound, 0) + 1);

    /// <summary>WCAG's contrast ratio of a colour against white (1 to 21): lines and markers need 3 or more.</summary>
    public static double ContrastOnWhite(string colour)
    {
        double Channel(int at)
        {
            double c = int.Parse(colour.AsSpan(at, 2), NumberStyles.HexNumber) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        double luminance = 0.2126 * Channel(1) + 0.7152 * Channel(3) + 0.0722 * Channel(5);
        return 1.05 / (luminance + 0.05);
    }

    /// <summary>The i-th of n sequential colours: 0 the lightest (round 0), n-1 the darkest (the last round).</summary>
    public static string Sequential(int i, int n)
    {
        double t = n <= 1 ? 0 : 1 - (double)i / (n - 1); // 1 = light end
        double position = t * (Ramp.Length - 1);
        int low = Math.Min((int)position, Ramp.Length - 2);
        double f = position - low;
        byte Mix(byte a, byte b) => (byte)Math.Round(a + (b - a) * f);
        var (a1, b1) = (Ramp[low], Ramp[low + 1]);
        return Hex(Mix(a1.R, b1.R), Mix(a1.G, b1.G), Mix(a1.B, b1.B));
    }

    /// <summary>A heatmap cell's fill for an accuracy in [0, 1]: white to dark blue, monotone in lightness.</summary>
    public static string Heat(double accuracy)
    {
        double t = double.IsNaN(accuracy) ? 0 : Math.Clamp(accuracy, 0, 1);
        byte Mix(byte a, byte b) => (byte)Math.Round(a + (b - a) * t);
        return Hex(Mix(0xf7, 0x08), Mix(0xfb, 0x30), Mix(0xff, 0x6b));
    }

    /// <summary>Whether text on <paramref name="fill"/> should be white (a dark fill) rather than black.</summary>
    public static bool IsDark(string fill)
    {
        int r = int.Parse(fill.AsSpan(1, 2), NumberStyles.HexNumber), g = int.Parse(fill.AsSpan(3, 2), NumberStyles.HexNumber),
            b = int.Parse(fill.AsSpan(5, 2), NumberStyles.HexNumber);
        return 0.299 * r + 0.587 * g + 0.114 * b < 140;
    }

    static string Hex(byte r, byte g, byte b) => $"#{r:x2}{g:x2}{b:x2}";
}
