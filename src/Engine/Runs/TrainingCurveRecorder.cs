using Runner.Core.Ledger;
using Runner.Engine.SelfImprovement;

namespace Runner.Engine.Runs;

/// <summary>
/// Records the training curve in the ledger's steps table: the loss's mean over every
/// <see cref="Every"/> steps of a round, written when the round completes and before its rounds row
/// (which marks the round recorded), so a round cut short leaves no curve behind (RunHistory removes
/// it) and a resumed round writes its curve once.
/// </summary>
public sealed class TrainingCurveRecorder(LedgerWriter writer, RunRow run) : ILoopObserver
{
    /// <summary>Steps per recorded mean: the quickstart's 2,200 steps are 220 rows, enough to see a spike without a row per step.</summary>
    public const int Every = 10;

    readonly List<StepRow> rows = [];
    int round = -1, stepsDone;
    double sum, rate;
    int count;

    public void PhaseStarted(int round, int steps)
    {
        this.round = round;
        rows.Clear();
        (sum, count, stepsDone) = (0, 0, 0);
    }

    /// <param name="step">0-based within the round.</param>
    public void StepCompleted(int round, int step, double loss, double learningRate)
    {
        sum += loss;
        count++;
        stepsDone = step + 1;
        rate = learningRate;
        if (stepsDone % Every == 0) Close();
    }

    public void RoundCompleted(RoundOutcome outcome)
    {
        if (outcome.Round != round) return; // a round the guard stopped before it trained
        if (count > 0) Close();
        if (rows.Count == 0) return;
        foreach (var row in rows)
            (row.RunId, row.SpecName, row.Arm, row.Seed, row.GitSha, row.RunKey) = (run.RunId, run.SpecName, run.Arm, run.Seed, run.GitSha, run.RunKey);
        writer.WriteAsync(rows.ToList(), $"r{outcome.Round:D3}").GetAwaiter().GetResult();
        rows.Clear();
    }

    void Close()
    {
        rows.Add(new StepRow { Round = round, Step = stepsDone, StepsInMean = count, Loss = sum / count, LearningRate = rate });
        (sum, count) = (0, 0);
    }
}
