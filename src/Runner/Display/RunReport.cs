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
        if (TimeTable(details) is { } times)
        {
            times.Write(output, terminal);
            output.WriteLine();
        }
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

    /// <summary>
    /// Where each round's time went, the tokens it trained on and their rate; beside training,
    /// labelling, evaluation and the round's total, the plan's estimate when the run recorded one
    /// (its total: training, labelling and evaluation). Null when no round recorded its times.
    /// </summary>
    static ConsoleTable? TimeTable(RunDetails details)
    {
        var rounds = details.Rounds.Where(r => details.Metric(r.Round, "train_seconds") is not null).ToList();
        if (rounds.Count == 0) return null;
        string[] phases = ["train", "label", "filter", "eval", "checkpoint", "ledger"];
        string[] estimated = ["train", "label", "eval"];
        bool estimates = rounds.Any(r => details.Metric(r.Round, "estimated_train_seconds") is not null);
        var table = new ConsoleTable("time (s)").AddColumn("round", rightAligned: true);
        foreach (var phase in phases)
        {
            table.AddColumn(phase, rightAligned: true);
            if (estimates && estimated.Contains(phase)) table.AddColumn("est", rightAligned: true);
        }
        table.AddColumn("total", rightAligned: true);
        if (estimates) table.AddColumn("est", rightAligned: true);
        table.AddColumn("tokens trained", rightAligned: true).AddColumn("tokens/s", rightAligned: true);

        var actual = phases.ToDictionary(p => p, _ => 0.0);
        var planned = estimated.ToDictionary(p => p, _ => (double?)0);
        long allTokens = 0;
        foreach (var r in rounds)
        {
            var seconds = phases.ToDictionary(p => p, p => details.Metric(r.Round, p + "_seconds") ?? 0);
            var estimate = estimated.ToDictionary(p => p, p => details.Metric(r.Round, $"estimated_{p}_seconds"));
            long tokens = (long)(details.Metric(r.Round, "train_tokens") ?? 0);
            foreach (var p in phases) actual[p] += seconds[p];
            foreach (var p in estimated) planned[p] += estimate[p];
            allTokens += tokens;
            table.AddRow(Row(Number(r.Round), seconds, estimate, tokens));
        }
        table.AddRow(Row("all", actual, planned, allTokens));
        double total = actual.Values.Sum();
        var shares = new List<ConsoleTable.Cell> { "share" };
        foreach (var phase in phases)
        {
            shares.Add(total > 0 ? Percent(actual[phase] / total) : "-");
            if (estimates && estimated.Contains(phase)) shares.Add("");
        }
        table.AddRow([.. shares, .. Enumerable.Repeat<ConsoleTable.Cell>("", estimates ? 4 : 3)]);
        return table;

        // A line: each phase (and its estimate), the total (and the estimated total: null when a part is missing), tokens and their rate.
        IEnumerable<ConsoleTable.Cell> Row(string label, Dictionary<string, double> seconds, Dictionary<string, double?> estimate, long tokens)
        {
            yield return label;
            foreach (var phase in phases)
            {
                yield return Seconds(seconds[phase]);
                if (estimates && estimated.Contains(phase)) yield return estimate[phase] is { } e ? Seconds(e) : "";
            }
            yield return Seconds(seconds.Values.Sum());
            if (estimates) yield return estimate.Values.All(e => e is not null) ? Seconds(estimate.Values.Sum()!.Value) : "";
            yield return Quantities.Count(tokens);
            yield return seconds["train"] > 0 ? Quantities.Count((long)Math.Round(tokens / seconds["train"])) : "-";
        }
    }

    static string Seconds(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture);

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
