using Runner.Core.Ledger;
using Runner.Core.SelfImprovement;

namespace Runner.Core.Runs;

/// <summary>
/// Writes each completed round to the ledger as it happens (its evaluations, labels and round
/// row, each an atomic file), so a crash loses at most the round in progress.
/// </summary>
public sealed class LedgerRecorder(LedgerWriter writer, RunRow run) : ILoopObserver
{
    public void RoundCompleted(RoundOutcome outcome)
    {
        string suffix = $"r{outcome.Round:D3}";
        Write(outcome.Evaluation.Select(e => new EvaluationRow
        {
            Round = outcome.Round,
            Difficulty = e.Difficulty,
            Examples = e.Examples,
            Correct = e.Correct,
            Accuracy = e.Accuracy,
        }).ToList(), suffix);
        if (outcome.Labels.Count > 0)
            Write(outcome.Labels.Select(l => new LabelRow
            {
                Round = outcome.Round,
                Difficulty = l.Label.Difficulty,
                Prompt = l.Label.Prompt,
                ModelLabel = l.Label.Output,
                Ended = l.Label.Ended,
                TrueLabel = l.TrueAnswer,
                Correct = l.Correct,
                Kept = l.Kept,
            }).ToList(), suffix);
        Write(Metrics(outcome).ToList(), suffix);
        // The rounds row goes last: it marks the round as recorded (see RunHistory).
        Write([new RoundRow
        {
            Round = outcome.Round,
            Difficulties = string.Join(",", outcome.Difficulties),
            LabelsGenerated = outcome.Labels.Count,
            LabelsKept = outcome.LabelsKept,
            LabelAccuracyGenerated = outcome.LabelAccuracyGenerated,
            LabelAccuracyKept = outcome.LabelAccuracyKept,
            Steps = outcome.Steps,
            FinalLoss = outcome.FinalLoss,
            Frontier = outcome.Frontier,
            WallSeconds = outcome.Wall.TotalSeconds,
        }], suffix);
    }

    /// <summary>The round's numbers in long form; new metrics are added here, never as columns.</summary>
    static IEnumerable<MetricRow> Metrics(RoundOutcome outcome)
    {
        MetricRow Metric(string name, double value, int? difficulty = null) =>
            new() { Round = outcome.Round, Difficulty = difficulty, Metric = name, Value = value };

        yield return Metric("labels_generated", outcome.Labels.Count);
        yield return Metric("labels_kept", outcome.LabelsKept);
        yield return Metric("label_accuracy_generated", outcome.LabelAccuracyGenerated);
        yield return Metric("label_accuracy_kept", outcome.LabelAccuracyKept);
        yield return Metric("steps", outcome.Steps);
        yield return Metric("final_loss", outcome.FinalLoss);
        yield return Metric("frontier", outcome.Frontier);
        yield return Metric("wall_seconds", outcome.Wall.TotalSeconds);
        foreach (var e in outcome.Evaluation)
        {
            yield return Metric("accuracy", e.Accuracy, e.Difficulty);
            yield return Metric("examples", e.Examples, e.Difficulty);
            yield return Metric("correct", e.Correct, e.Difficulty);
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
