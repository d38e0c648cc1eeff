using System.Diagnostics;
using Runner.Core.Ledger;
using Runner.Core.Plans;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Engine.Cost;
using Runner.Engine.SelfImprovement;

namespace Runner.Engine.Runs;

/// <summary>
/// Writes each completed round to the ledger as it happens (its evaluations, labels and round
/// row, each an atomic file), so a crash loses at most the round in progress. With an
/// <paramref name="estimate"/>, each round also records what the plan expected it to take.
/// </summary>
public sealed class LedgerRecorder(LedgerWriter writer, RunRow run, double solved, RangeSpec d0, RunEstimate? estimate = null)
{
    /// <summary>Writes a completed round; <paramref name="checkpointTime"/> is how long saving its checkpoint took (the run saves it first).</summary>
    public void Record(RoundOutcome outcome, TimeSpan checkpointTime)
    {
        string suffix = $"r{outcome.Round:D3}";
        var writing = Stopwatch.StartNew();
        if (outcome.Evaluation.Count > 0)
            Write(outcome.Evaluation.Select(e => new EvaluationRow
            {
                Round = outcome.Round,
                Difficulty = e.Difficulty.A,
                DifficultyB = LedgerDifficulty.B(e.Difficulty),
                Member = e.Member,
                Examples = e.Examples,
                Correct = e.Correct,
                Accuracy = e.Accuracy,
            }).ToList(), suffix);
        if (outcome.Labels.Count > 0)
            Write(outcome.Labels.Select(l => new LabelRow
            {
                Round = outcome.Round,
                Difficulty = l.Label.Difficulty.A,
                DifficultyB = LedgerDifficulty.B(l.Label.Difficulty),
                Prompt = l.Label.Prompt,
                ModelLabel = l.Label.Output,
                Ended = l.Label.Ended,
                TrueLabel = l.TrueAnswer,
                Correct = l.Correct,
                Kept = l.Kept,
                Votes = l.Label.Votes,
                Voters = l.Label.Voters,
                Tied = l.Label.Tied,
                Corrupted = l.Corrupted is not null,
                TrainedLabel = l.TrainedLabel,
                Confidence = l.Label.Confidence,
            }).ToList(), suffix);
        // The round's own metrics and rounds files (a few hundred bytes each) are written after this is taken.
        var ledgerTime = writing.Elapsed;
        Write(Metrics(outcome).Concat(Times(outcome, ledgerTime, checkpointTime)).ToList(), suffix);
        // The rounds row goes last: it marks the round as recorded (see RunHistory).
        Write([new RoundRow
        {
            Round = outcome.Round,
            Difficulties = Difficulty.Join(outcome.Difficulties),
            LabelsGenerated = outcome.Labels.Count,
            LabelsKept = outcome.LabelsKept,
            LabelAccuracyGenerated = outcome.LabelAccuracyGenerated,
            LabelAccuracyKept = outcome.LabelAccuracyKept,
            Steps = outcome.Steps,
            FinalLoss = outcome.FinalLoss,
            Frontier = outcome.Frontier,
            WallSeconds = outcome.Wall.TotalSeconds,
            Models = run.Models,
            MeanVotes = outcome.MeanVotes,
            StopReason = outcome.StopReason.ToString(),
        }], suffix);
    }

    /// <summary>
    /// Records another run's rounds 0..<paramref name="lastRound"/> as this run's: the same rows
    /// under this run's identity (<see cref="SharedRounds"/>), one file a table, the rounds rows
    /// last, so that they are recorded all at once or not at all. With <paramref name="modelZeroOnly"/>
    /// the source voted with several models and this run has one, their model 0: only that
    /// model's rows of round 0 are kept, written as a one-model run writes them.
    /// </summary>
    public void CopyRounds(LedgerReader reader, string sourceRunId, int lastRound, bool modelZeroOnly = false)
    {
        if (modelZeroOnly && lastRound != 0)
            throw new ArgumentException("a vote's model 0 is a one-model run's model only in round 0", nameof(modelZeroOnly));
        string suffix = lastRound == 0 ? "r000" : $"r000-r{lastRound:D3}";
        var evaluations = Read<EvaluationRow>();
        var metrics = Read<MetricRow>();
        var rounds = Read<RoundRow>();
        if (modelZeroOnly)
        {
            evaluations = evaluations.Where(e => e.Member == 0).ToList();
            metrics = ModelZeroMetrics(metrics);
            double Member0(string metric) => metrics.Single(m => m.Metric == metric && m.Difficulty is null).Value;
            foreach (var row in rounds)
            {
                row.Models = 1;
                row.FinalLoss = Member0("final_loss");
                row.Frontier = (int)Member0("frontier");
            }
        }
        if (evaluations.Count > 0) Write(evaluations, suffix);
        if (Read<LabelRow>() is { Count: > 0 } labels) Write(labels, suffix);
        // A vote's curve is its models' mean: a one-model arm starting from its model 0 has no curve of its own for round 0.
        if (!modelZeroOnly && Read<StepRow>() is { Count: > 0 } steps) Write(steps, suffix);
        if (metrics.Count > 0) Write(metrics, suffix);
        if (rounds.Count > 0) Write(rounds, suffix);

        List<T> Read<T>() where T : class, ILedgerRow, IRoundRow, new() =>
            reader.ReadRunAsync<T>(run.SpecName, sourceRunId).GetAwaiter().GetResult().Where(r => r.Round <= lastRound).ToList();
    }

    /// <summary>
    /// A vote's metrics as its model 0 alone would have recorded them, in the same order: model
    /// 0's own row takes the place of the arm's row of the same name and loses its member; the
    /// other models' rows go.
    /// </summary>
    static List<MetricRow> ModelZeroMetrics(List<MetricRow> metrics)
    {
        var own = metrics.Where(m => m.Member == 0).ToDictionary(m => (m.Metric, m.Difficulty, m.DifficultyB));
        var kept = new List<MetricRow>();
        foreach (var row in metrics.Where(m => m.Member is null or 0))
            if (own.Remove((row.Metric, row.Difficulty, row.DifficultyB), out var mine)) kept.Add(mine);
            else if (row.Member is null) kept.Add(row);
        foreach (var row in kept) row.Member = null;
        return kept;
    }

    /// <summary>The round's numbers in long form; new metrics are added here, never as columns.</summary>
    IEnumerable<MetricRow> Metrics(RoundOutcome outcome)
    {
        MetricRow Metric(string name, double value, Difficulty? difficulty = null, int? member = null) => new()
        {
            Round = outcome.Round,
            Difficulty = difficulty?.A,
            DifficultyB = difficulty is { } d ? LedgerDifficulty.B(d) : null,
            Member = member,
            Metric = name,
            Value = value,
        };

        yield return Metric("labels_generated", outcome.Labels.Count);
        yield return Metric("labels_kept", outcome.LabelsKept);
        // Outputs that wrote EOS within the decode cap; unfiltered arms train on the others too (ledgers before it lack the row).
        yield return Metric("labels_ended", outcome.Labels.Count(l => l.Label.Ended));
        yield return Metric("kept_fraction", outcome.KeptFraction);
        yield return Metric("label_accuracy_generated", outcome.LabelAccuracyGenerated);
        yield return Metric("label_accuracy_kept", outcome.LabelAccuracyKept);
        yield return Metric("label_confidence_generated", outcome.LabelConfidenceGenerated);
        yield return Metric("label_confidence_kept", outcome.LabelConfidenceKept);
        yield return Metric("mean_votes", outcome.MeanVotes);
        yield return Metric("agreement", outcome.Agreement);
        yield return Metric("labels_corrupted", outcome.Labels.Count(l => l.Corrupted is not null));
        yield return Metric("steps", outcome.Steps);
        yield return Metric("final_loss", outcome.FinalLoss);
        yield return Metric("frontier", outcome.Frontier);
        yield return Metric("wall_seconds", outcome.Wall.TotalSeconds);
        foreach (var difficulty in outcome.Difficulties)
        {
            var labels = outcome.Labels.Where(l => l.Label.Difficulty == difficulty).ToList();
            if (labels.Count == 0) continue;
            yield return Metric("label_accuracy_generated", labels.Count(l => l.Correct) / (double)labels.Count, difficulty);
            yield return Metric("kept_fraction", labels.Count(l => l.Kept) / (double)labels.Count, difficulty);
        }
        foreach (var probe in outcome.ProbeResults)
            yield return Metric("probe_accuracy", probe.Accuracy, probe.Difficulty);
        if (outcome.Evaluation.Count > 0)
        {
            var headline = outcome.Headline(d0, solved);
            yield return Metric("reach", headline.Reach);
            yield return Metric("d0_min_accuracy", headline.D0Lowest);
        }
        if (run.Models > 1)
        {
            // Each model's own numbers beside the arm's, so one model of the vote can stand as a one-model run's round 0.
            foreach (var (frontier, member) in outcome.MemberFrontiers(solved).Select((f, i) => (f, i)))
                yield return Metric("frontier", frontier, member: member);
            foreach (var (reach, member) in outcome.MemberReaches(d0.Max, solved).Select((r, i) => (r, i)))
                yield return Metric("reach", reach, member: member);
            foreach (var (lowest, member) in outcome.MemberD0Lowest(d0).Select((l, i) => (l, i)))
                yield return Metric("d0_min_accuracy", lowest, member: member);
            foreach (var (loss, member) in (outcome.MemberLosses ?? []).Select((l, i) => (l, i)))
                yield return Metric("final_loss", loss, member: member);
        }
        foreach (var e in outcome.Evaluation)
        {
            int? member = run.Models > 1 ? e.Member : null;
            yield return Metric("accuracy", e.Accuracy, e.Difficulty, member);
            yield return Metric("examples", e.Examples, e.Difficulty, member);
            yield return Metric("correct", e.Correct, e.Difficulty, member);
            foreach (var (check, rate) in e.Checks)
                yield return Metric(check, rate, e.Difficulty, member);
        }
    }

    /// <summary>
    /// Where the round's time went (seconds), the tokens it trained on and the plan's estimate:
    /// what `runner show` splits. Only a round this process ran has them; every timing metric
    /// ends in "_seconds".
    /// </summary>
    IEnumerable<MetricRow> Times(RoundOutcome outcome, TimeSpan ledgerTime, TimeSpan checkpointTime)
    {
        if (outcome.Times is not { } times) yield break;
        MetricRow Metric(string name, double value) => new() { Round = outcome.Round, Metric = name, Value = value };
        yield return Metric("label_seconds", times.Labelling.TotalSeconds);
        yield return Metric("filter_seconds", times.Filtering.TotalSeconds);
        yield return Metric("train_seconds", times.Training.TotalSeconds);
        yield return Metric("eval_seconds", times.Evaluation.TotalSeconds);
        yield return Metric("checkpoint_seconds", checkpointTime.TotalSeconds);
        yield return Metric("ledger_seconds", ledgerTime.TotalSeconds);
        yield return Metric("train_tokens", outcome.TokensTrained);
        if (estimate?.Round(outcome.Round) is { TrainSeconds: { } train, LabelSeconds: { } label, EvalSeconds: { } eval })
        {
            yield return Metric("estimated_train_seconds", train);
            yield return Metric("estimated_label_seconds", label);
            yield return Metric("estimated_eval_seconds", eval);
        }
    }

    /// <summary>Stamps the run's identity columns on every row, so each file stands on its own.</summary>
    void Write<T>(IReadOnlyList<T> rows, string suffix) where T : class, ILedgerRow, new()
    {
        foreach (var row in rows)
        {
            row.SchemaVersion = run.SchemaVersion;
            row.RunId = run.RunId;
            row.SpecName = run.SpecName;
            row.Arm = run.Arm;
            row.Seed = run.Seed;
            row.GitSha = run.GitSha;
            row.RunKey = run.RunKey;
        }
        writer.WriteAsync(rows, suffix).GetAwaiter().GetResult();
    }
}
