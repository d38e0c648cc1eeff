using System.Globalization;
using Runner.Core.Ledger;

namespace Runner.Cli.Display;

/// <summary>`runner ls`: one row per run.</summary>
public static class RunListTable
{
    public static ConsoleTable Build(IReadOnlyList<RunSummary> runs)
    {
        var table = new ConsoleTable()
            .AddColumn("spec").AddColumn("arm").AddColumn("seed", rightAligned: true).AddColumn("sha").AddColumn("status")
            .AddColumn("started (UTC)").AddColumn("rounds", rightAligned: true).AddColumn("frontier", rightAligned: true).AddColumn("run id");
        foreach (var run in runs)
            table.AddRow(run.SpecName, run.Arm, run.Seed.ToString(CultureInfo.InvariantCulture), ShortSha(run), run.Status,
                run.StartedUtc?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "",
                run.RoundsCompleted.ToString(CultureInfo.InvariantCulture), run.FinalFrontier.ToString(CultureInfo.InvariantCulture), run.RunId);
        return table;
    }

    /// <summary>7 characters of the sha, as in run ids; "+dirty" when uncommitted changes were run.</summary>
    public static string ShortSha(RunSummary run) =>
        (run.GitSha.Length > 7 ? run.GitSha[..7] : run.GitSha) + (run.Row?.GitDirty == true ? "+dirty" : "");
}
