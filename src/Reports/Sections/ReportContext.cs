using System.Globalization;
using Runner.Core.Ledger.Diff;
using Runner.Reports.Figures;
using Runner.Reports.Model;

namespace Runner.Reports.Sections;

/// <summary>
/// What every section of one spec's page needs: the results at each revision (one side when no
/// --rev or one is given), the exports to add to, and the styles that stay fixed across figures:
/// one colour per arm, or with several revisions one colour per revision and one dash per arm.
/// </summary>
public sealed class ReportContext(string specName, IReadOnlyList<SpecResults> sides, Exports exports, int curves)
{
    public string SpecName { get; } = specName;
    public IReadOnlyList<SpecResults> Sides { get; } = sides;
    public Exports Exports { get; } = exports;
    /// <summary>The most rounds drawn per accuracy panel.</summary>
    public int Curves { get; } = curves;

    public bool ComparesRevisions => Sides.Count > 1;

    /// <summary>The arms of every side, in the order they first ran (the first side's order first).</summary>
    public IReadOnlyList<string> Arms { get; } = sides.SelectMany(s => s.Arms.Select(a => a.Name)).Distinct().ToList();

    public int ArmIndex(string arm) => Arms.ToList().IndexOf(arm);

    /// <summary>The last round any arm ran: the darkest of the rounds' ramp, so a round has one colour in every figure.</summary>
    public int LastRound { get; } = sides.SelectMany(s => s.Arms).SelectMany(a => a.Rounds).DefaultIfEmpty(0).Max();

    public string RoundColour(int round) => Palette.Round(round, LastRound);

    /// <summary>The look of an arm's line at a side: colour per arm, or per revision when comparing revisions (dash per arm then).</summary>
    public (string Colour, string? Dash, MarkerKind Marker) Style(string arm, int side) => ComparesRevisions
        ? (Palette.Colour(side), Palette.Dash(ArmIndex(arm)), Palette.Marker(ArmIndex(arm)))
        : (Palette.Colour(ArmIndex(arm)), Palette.Dash(ArmIndex(arm)), Palette.Marker(ArmIndex(arm)));

    /// <summary>A legend name: the arm, and its revision when comparing.</summary>
    public string SeriesName(string arm, int side) => ComparesRevisions ? $"{arm} @ {Sides[side].Side.Label}" : arm;

    /// <summary>
    /// "mean over n = 2 seeds" or "n = 1 seed", the note every figure carries. No figure draws a band
    /// over seeds: seeds that disagree make one no seed followed, so figures draw a line per seed instead.
    /// </summary>
    public static string SeedNote(IEnumerable<int> seedCounts)
    {
        var counts = seedCounts.Distinct().Order().ToList();
        if (counts.Count == 0) return "no seeds";
        string n = counts.Count == 1 ? counts[0].ToString(CultureInfo.InvariantCulture) : $"{counts[0]}-{counts[^1]}";
        return counts[^1] > 1 ? $"mean over n = {n} seeds" : "n = 1 seed";
    }

    public static double? Spread(SeedStats stats) => stats.Seeds > 1 ? stats.Spread : null;
}
