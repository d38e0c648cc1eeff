using System.Globalization;
using Runner.Core.Evaluation;
using Runner.Core.Ledger;

namespace Runner.Cli.Display;

/// <summary>`runner ls`: one row per run, with its result: frontier, reach past D0 and D0's lowest accuracy.</summary>
public static class RunListTable
{
    /// <summary>
    /// The table, and under it a line for each run whose frontier a forgotten D0 difficulty holds
    /// down while it solves past D0 (the frontier column alone would read as a failure).
    /// </summary>
    public static void Write(IReadOnlyList<RunSummary> runs, IReadOnlyDictionary<string, RecordedHeadline> headlines, TextWriter output, bool terminal)
    {
        var table = new ConsoleTable()
            .AddColumn("spec").AddColumn("arm").AddColumn("seed", rightAligned: true).AddColumn("sha").AddColumn("status")
            .AddColumn("started (UTC)").AddColumn("rounds", rightAligned: true).AddColumn("frontier", rightAligned: true)
            .AddColumn("reach", rightAligned: true).AddColumn("D0 low", rightAligned: true).AddColumn("run id");
        foreach (var run in runs)
        {
            var headline = headlines.GetValueOrDefault(run.RunId)?.Headline;
            table.AddRow(run.SpecName, run.Arm, run.Seed.ToString(CultureInfo.InvariantCulture), ShortSha(run), run.Status,
                run.StartedUtc?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "",
                run.RoundsCompleted.ToString(CultureInfo.InvariantCulture), run.FinalFrontier.ToString(CultureInfo.InvariantCulture) + (headline?.ForgotD0 == true ? "*" : ""),
                headline?.Reach.ToString(CultureInfo.InvariantCulture) ?? "", headline is null ? "" : Headline.Percent(headline.D0Lowest), run.RunId);
        }
        table.Write(output, terminal);
        foreach (var run in runs.Where(r => headlines.GetValueOrDefault(r.RunId)?.Headline.ForgotD0 == true))
            output.WriteLine($"* {run.SpecName} / {run.Arm} / seed {run.Seed}: {headlines[run.RunId]}");
    }

    /// <summary>7 characters of the sha, as in run ids; "+dirty" when uncommitted changes were run.</summary>
    public static string ShortSha(RunSummary run) =>
        (run.GitSha.Length > 7 ? run.GitSha[..7] : run.GitSha) + (run.Row?.GitDirty == true ? "+dirty" : "");
}
