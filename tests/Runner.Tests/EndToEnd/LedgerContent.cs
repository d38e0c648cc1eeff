using Runner.Core.Ledger;

namespace Runner.Tests.EndToEnd;

/// <summary>
/// Everything runs computed, as comparable lines: no ids, times or wall clocks, and no order of files (runs that
/// started in another order, as shards on a scheduler do, give the same lines).
/// </summary>
public static class LedgerContent
{
    /// <summary>
    /// The ledger's content, or one arm's when <paramref name="arm"/> is given; without
    /// <paramref name="steps"/>, the training curve is left out.
    /// </summary>
    public static async Task<List<string>> Of(LedgerReader reader, string? arm = null, bool steps = true)
    {
        bool Wanted(ILedgerRow row) => arm is null || row.Arm == arm;
        return
        [
            .. (await reader.ReadAsync<RoundRow>()).Where(Wanted).OrderBy(r => r.Arm).ThenBy(r => r.Round).ThenBy(r => r.RunKey, StringComparer.Ordinal)
                .Select(r => $"round {r.Round} {r.Difficulties} {r.LabelsGenerated} {r.LabelsKept} {r.Steps} {r.FinalLoss:R} {r.Frontier} {r.Models} {r.RunKey}"),
            .. (await reader.ReadAsync<EvaluationRow>()).Where(Wanted).Select(e => $"eval {e.Arm} {e.Round} {e.Difficulty} {e.Member} {e.Examples} {e.Correct}").Order(),
            .. (await reader.ReadAsync<LabelRow>()).Where(Wanted).Select(l => $"label {l.Arm} {l.Round} {l.Prompt} {l.ModelLabel} {l.Ended} {l.Kept} {l.Correct}").Order(),
            .. (await reader.ReadAsync<RunRow>()).Where(Wanted).Select(r => $"run {r.RunKey} {r.RoundsCompleted} {r.FinalFrontier} {r.Status}").Order(),
            .. (await reader.ReadAsync<MetricRow>()).Where(m => Wanted(m) && !m.Metric.EndsWith("_seconds", StringComparison.Ordinal))
                .Select(m => $"metric {m.Arm} {m.Round} {m.Difficulty} {m.Member} {m.Metric} {m.Value:R}").Order(),
            .. steps
                ? (await reader.ReadAsync<StepRow>()).Where(Wanted).Select(s => $"step {s.Arm} {s.Round} {s.Step} {s.StepsInMean} {s.Loss:R} {s.LearningRate:R}").Order().ToList()
                : Enumerable.Empty<string>(),
        ];
    }
}
