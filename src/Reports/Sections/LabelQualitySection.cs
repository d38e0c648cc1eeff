using System.Globalization;
using Runner.Core.Ledger;
using Runner.Reports.Figures;
using Runner.Reports.Model;
using Runner.Reports.Tables;

namespace Runner.Reports.Sections;

/// <summary>
/// Label quality per round and arm: the true accuracy of the self-generated labels before and after
/// filtering, the kept fraction, mean votes and agreement (and the models' confidence in their labels
/// when the ledger has it); the round where an avalanche starts is
/// marked (label accuracy falling round over round to the end, or the guard's stop).
/// </summary>
public static class LabelQualitySection
{
    public sealed record View(TableView? Table, IReadOnlyList<string> Avalanches);

    public static View Build(ReportContext context)
    {
        var rows = new List<IReadOnlyList<Cell>>();
        var avalanches = new List<string>();
        // Newer ledgers also record how sure the models were of their labels.
        bool confidence = context.Sides.Any(s => s.Runs.Any(r => r.Metrics.Any(m => m.Metric == "label_confidence_generated")));
        for (int side = 0; side < context.Sides.Count; side++)
            foreach (var arm in context.Sides[side].Arms)
            {
                var rounds = arm.Rounds.Where(r => r > 0).ToList();
                if (rounds.Count == 0) continue;
                string name = context.SeriesName(arm.Name, side);
                int? avalanche = AvalancheStart(arm);
                if (avalanche is { } a) avalanches.Add($"{name}: avalanche from round {a} ({AvalancheWhy(arm, a)})");
                foreach (int round in rounds)
                {
                    var generated = arm.RoundValue(round, r => r.LabelAccuracyGenerated);
                    var kept = arm.RoundValue(round, r => r.LabelAccuracyKept);
                    var fraction = arm.RoundValue(round, r => r.LabelsGenerated == 0 ? double.NaN : (double)r.LabelsKept / r.LabelsGenerated);
                    var votes = arm.RoundValue(round, r => r.MeanVotes);
                    var agreement = arm.Metric("agreement", round);
                    var labels = arm.RoundValue(round, r => r.LabelsGenerated);
                    var stops = arm.Runs.SelectMany(r => r.Rounds.Where(x => x.Round == round).Select(r.Stop)).Where(s => s.Stopped).Select(StopReasonText.Of).Distinct();
                    string note = string.Join("; ", (round == avalanche ? ["avalanche starts"] : Array.Empty<string>()).Concat(stops));
                    rows.Add(
                    [
                        new(name), new(Numbers.Int(round), Numeric: true),
                        new(string.Join(" ", arm.Runs.Select(r => r.Rounds.FirstOrDefault(x => x.Round == round)?.Difficulties).Where(d => d is { Length: > 0 }).Distinct())),
                        new(Numbers.Count(labels?.Mean), Numeric: true),
                        new(Numbers.Fraction(generated?.Mean), Numeric: true), new(Numbers.Fraction(kept?.Mean), Numeric: true),
                        new(Numbers.Fraction(fraction?.Mean), Numeric: true), new(Numbers.Fraction(votes?.Mean), Numeric: true),
                        new(Numbers.Fraction(agreement?.Mean), Numeric: true),
                        .. confidence
                            ? new Cell[]
                            {
                                new(Numbers.Fraction(arm.Metric("label_confidence_generated", round)?.Mean), Numeric: true),
                                new(Numbers.Fraction(arm.Metric("label_confidence_kept", round)?.Mean), Numeric: true),
                            }
                            : [],
                        new(Numbers.Int(arm.Seeds), Numeric: true), new(note),
                    ]);
                }
            }
        if (rows.Count == 0) return new View(null, []);
        var table = new Table("label-quality", "Label quality per round (mean over seeds)",
            ["arm", "round", "labelled", "labels", "accuracy before filter", "accuracy trained on", "kept fraction", "mean votes", "agreement",
                .. confidence ? new[] { "confidence before filter", "confidence trained on" } : [], "seeds", "note"],
            rows);
        return new View(TableView.Export(context.Exports, table), avalanches);
    }

    /// <summary>How far label accuracy must fall in all, round over round to the last, to count as an avalanche (not noise).</summary>
    public const double AvalancheFall = 0.05;

    /// <summary>
    /// The round the guard stopped at (its stop reason starts with "avalanche"), or the first round
    /// from which the labels' mean accuracy falls round over round to the last, by at least
    /// <see cref="AvalancheFall"/> in all; null when neither.
    /// </summary>
    public static int? AvalancheStart(ArmResults arm)
    {
        int? guard = arm.Runs.SelectMany(run => run.Rounds.Where(r => run.Stop(r).IsAvalanche)).Select(r => (int?)r.Round).Min();
        var accuracy = arm.Rounds.Where(r => r > 0)
            .Select(r => (Round: r, Stats: arm.RoundValue(r, x => x.LabelAccuracyGenerated))).Where(p => p.Stats is not null).ToList();
        int? falling = null;
        int start = accuracy.Count - 1;
        while (start >= 1 && accuracy[start].Stats!.Mean < accuracy[start - 1].Stats!.Mean) start--;
        if (start < accuracy.Count - 1 && accuracy[start].Stats!.Mean - accuracy[^1].Stats!.Mean >= AvalancheFall)
            falling = accuracy[start + 1].Round;
        return new[] { guard, falling }.Where(r => r is not null).Min();
    }

    static string AvalancheWhy(ArmResults arm, int round) =>
        arm.Runs.SelectMany(run => run.Rounds.Where(r => r.Round == round).Select(run.Stop)).FirstOrDefault(s => s.IsAvalanche) is { } stopped
            ? "the guard stopped: " + stopped
            : string.Create(CultureInfo.InvariantCulture, $"label accuracy falls every round from there on, by {AvalancheFall:0.00} or more in all");

    /// <summary>Every run with its status and why it stopped.</summary>
    public static TableView Runs(ReportContext context)
    {
        var rows = new List<IReadOnlyList<Cell>>();
        for (int side = 0; side < context.Sides.Count; side++)
            foreach (var arm in context.Sides[side].Arms)
                foreach (var run in arm.Runs)
                {
                    RunRow? row = run.Row;
                    rows.Add(
                    [
                        new(context.SeriesName(arm.Name, side)), new(Numbers.Int(run.Seed), Numeric: true),
                        new(run.Incomplete ? "incomplete" : row!.Status), new(Numbers.Int(run.Rounds.Count), Numeric: true),
                        new(run.Rounds.LastOrDefault() is { } last ? Numbers.Int(row?.FinalFrontier ?? last.Frontier) : "–", Numeric: true),
                        new(run.Incomplete ? "(still running or stopped before its last round)" : StopReasonText.Of(run.StopReason)),
                        new(Commit(run.Rounds.FirstOrDefault()?.GitSha ?? "", row)), new(Numbers.Duration(run.Rounds.Sum(r => r.WallSeconds))),
                        new(run.RunId),
                    ]);
                }
        return new TableView(new Table("runs", "Runs and why they stopped",
            ["arm", "seed", "status", "rounds", "final frontier", "stop reason", "commit", "wall time", "run id"], rows), Exported: false);
    }

    /// <summary>A commit as a reader needs it: short SHA and whether uncommitted changes ran.</summary>
    public static string Commit(string sha, RunRow? row) =>
        sha.Length == 0 ? "–" : sha == "unknown" ? "unknown (not a git repository)" : sha[..Math.Min(10, sha.Length)] + (row?.GitDirty == true ? $" +dirty ({row.GitDiffHash[..Math.Min(10, row.GitDiffHash.Length)]})" : "");
}
