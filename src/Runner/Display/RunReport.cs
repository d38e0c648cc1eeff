using System.Globalization;
using Runner.Core.Ledger;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Cli.Display;

/// <summary>`runner show`: a run's provenance, its rounds, and its accuracy per difficulty per round (and per model of a majority vote).</summary>
public static class RunReport
{
    public static void Write(RunDetails details, TextWriter output, bool terminal)
    {
        foreach (var (key, value) in Provenance(details.Run, details.Evaluations))
            output.WriteLine($"{key + ":",-10}{value}");
        output.WriteLine();
        RoundsTable(details.Rounds).Write(output, terminal);
        output.WriteLine();
        double solved = Solved(details.Run.Row);
        var tables = AccuracyGrid.Build("exact match (%) per difficulty", details.Rounds.Select(r => new AccuracyRound(r.Round, r.Difficulties,
                r.LabelsKept, r.LabelsGenerated, Accuracies(details.Evaluations, r.Round), r.Frontier)).ToList(), solved).ToList();
        // A majority vote's arm numbers are the models' mean and median: each model's own follow.
        var members = details.Evaluations.Select(e => e.Member).Distinct().Order().ToList();
        if (members.Count > 1)
            foreach (int member in members) tables.AddRange(MemberTables(details, member, solved));
        for (int i = 0; i < tables.Count; i++)
        {
            if (i > 0) output.WriteLine();
            tables[i].Write(output, terminal);
        }
    }

    /// <summary>
    /// One model's accuracy per difficulty and the frontier the run recorded for it (at its own
    /// "solved"), round by round; a round it was not evaluated keeps the last frontier.
    /// </summary>
    static IReadOnlyList<ConsoleTable> MemberTables(RunDetails details, int member, double solved)
    {
        var rounds = new List<AccuracyRound>();
        int frontier = 0;
        foreach (var r in details.Rounds)
        {
            var own = details.Evaluations.Where(e => e.Round == r.Round && e.Member == member)
                .ToDictionary(e => LedgerDifficulty.Of(e.Difficulty, e.DifficultyB), e => e.Accuracy);
            if (details.MemberFrontiers.TryGetValue((r.Round, member), out int recorded)) frontier = recorded;
            rounds.Add(new AccuracyRound(r.Round, r.Difficulties, r.LabelsKept, r.LabelsGenerated, own, frontier));
        }
        return AccuracyGrid.Build($"model {member}: exact match (%) per difficulty", rounds, solved);
    }

    /// <summary>What the ledger knows of where the run came from; a run without a runs row only has its identity.</summary>
    static IEnumerable<(string Key, string Value)> Provenance(RunSummary run, IReadOnlyList<EvaluationRow> evaluations)
    {
        yield return ("run", run.RunId);
        yield return ("spec", run.SpecName);
        yield return ("arm", run.Arm);
        yield return ("seed", run.Seed.ToString(CultureInfo.InvariantCulture));
        yield return ("sha", run.GitSha);
        if (run.Row is { } row)
        {
            yield return ("branch", row.GitBranch);
            yield return ("dirty", row.GitDirty ? "yes" : "no");
            yield return ("packages", row.Packages);
            yield return ("device", row.Device);
            yield return ("host", $"{row.Host} ({row.Os}, {row.Threads} threads)");
            if (row.CpuId.Length > 0) // recorded since ledger schema 3
            {
                yield return ("cpu", $"{row.Cpu}, {row.CpuId}, {row.CpuFlags}");
                yield return ("numerics", $"{row.Numerics} ({row.NumericsSettings}); libtorch kernels {row.CpuCapability}");
            }
        }
        if (run.StartedUtc is { } started) yield return ("started", Time(started));
        if (run.Row is { } ended) yield return ("ended", Time(ended.EndedUtc));
        yield return ("status", run.Row is null ? $"{run.Status} (no runs row: the process stopped before the run ended)" : run.Status);
        if (run.Row is { } r)
        {
            yield return ("filters", r.Filters.Length == 0 ? "none" : r.Filters);
            yield return ("schedule", r.Schedule);
            if (r.Models > 1) yield return ("models", r.Models.ToString(CultureInfo.InvariantCulture));
            yield return ("stopped", string.Create(CultureInfo.InvariantCulture, $"{r.StopReason} (result: round {r.FinalRound}, frontier {r.FinalFrontier})"));
            if (RecordedHeadline.Of(r, evaluations) is { } headline) yield return ("result", headline.ToString());
        }
    }

    static ConsoleTable RoundsTable(IReadOnlyList<RoundRow> rounds)
    {
        var table = new ConsoleTable("rounds")
            .AddColumn("round", rightAligned: true).AddColumn("labelled").AddColumn("generated", rightAligned: true).AddColumn("kept", rightAligned: true)
            .AddColumn("label accuracy").AddColumn("steps", rightAligned: true).AddColumn("loss", rightAligned: true)
            .AddColumn("frontier", rightAligned: true).AddColumn("wall s", rightAligned: true);
        foreach (var r in rounds)
            table.AddRow(Number(r.Round), r.Round == 0 ? "D0" : r.Difficulties, Number(r.LabelsGenerated), Number(r.LabelsKept),
                r.LabelsGenerated == 0 ? "" : $"{Percent(r.LabelAccuracyGenerated)} -> {Percent(r.LabelAccuracyKept)}",
                Number(r.Steps), r.FinalLoss.ToString("0.0000", CultureInfo.InvariantCulture), Number(r.Frontier),
                r.WallSeconds.ToString("0.0", CultureInfo.InvariantCulture));
        return table;
    }

    /// <summary>Accuracy per difficulty, averaged over the models of a majority-vote run.</summary>
    static IReadOnlyDictionary<Difficulty, double> Accuracies(IReadOnlyList<EvaluationRow> evaluations, int round) =>
        evaluations.Where(e => e.Round == round).GroupBy(e => LedgerDifficulty.Of(e.Difficulty, e.DifficultyB))
            .ToDictionary(g => g.Key, g => g.DistinctBy(e => e.Member).Average(e => e.Accuracy));

    /// <summary>The run's own "solved" threshold, from the resolved spec it recorded; the default without one (a run that stopped before its runs row).</summary>
    static double Solved(RunRow? row) =>
        row is not null && SpecLoader.TryParse(row.SpecYaml, "spec_yaml", out var spec, out _) ? spec.Base.Eval.Solved : new EvalSpec().Solved;

    static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    static string Percent(double fraction) => double.IsNaN(fraction) ? "-" : (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
