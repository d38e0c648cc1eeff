using Runner.Core.Ledger;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Tests.Reports;

/// <summary>
/// A ledger written row by row for report cases a tiny run cannot give in seconds (pairs, the
/// paper's copy panel): one completed run per call, its spec recorded as a run would record it.
/// </summary>
public sealed class SyntheticLedger(string root)
{
    public string Root { get; } = root;

    /// <param name="rounds">Per round: the difficulties it labelled ("" for round 0) and its frontier.</param>
    /// <param name="accuracies">Per round: accuracy per difficulty (256 examples each).</param>
    /// <param name="labelAccuracies">Per round from 1: the true accuracy of its labels before filtering (default 0.9).</param>
    /// <param name="steps">Per round: the training steps it took (default 100 each).</param>
    /// <param name="labels">Rows of the labels table (round, prompt, labels, correct, kept, confidence); stamped with the run's identity.</param>
    public async Task WriteRunAsync(string specYaml, string arm, int seed, IReadOnlyList<(string Labelled, int Frontier)> rounds,
        IReadOnlyDictionary<int, IReadOnlyDictionary<Difficulty, double>> accuracies, IReadOnlyList<MetricRow>? metrics = null,
        IReadOnlyList<double>? labelAccuracies = null, IReadOnlyList<int>? steps = null, IReadOnlyList<LabelRow>? labels = null,
        Func<int, int, double>? loss = null)
    {
        var spec = SpecLoader.Parse(specYaml, "synthetic.yaml").Arms.Single(a => a.Name == arm).Spec;
        string runId = $"20250101-000000-{arm}-s{seed}-abcdef0";
        var started = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var writer = new LedgerWriter(Root);
        T Stamp<T>(T row) where T : ILedgerRow
        {
            row.RunId = runId; row.SpecName = spec.Name; row.Arm = arm; row.Seed = seed; row.GitSha = "0123456789abcdef"; row.RunKey = "key";
            return row;
        }
        for (int round = 0; round < rounds.Count; round++)
        {
            await writer.WriteAsync(accuracies[round].Select(a => Stamp(new EvaluationRow
            {
                Round = round, Difficulty = a.Key.A, DifficultyB = LedgerDifficulty.B(a.Key), Examples = 256,
                Correct = (int)Math.Round(a.Value * 256), Accuracy = a.Value,
            })).ToList(), $"r{round:D3}");
            if (labels?.Where(l => l.Round == round).ToList() is { Count: > 0 } labelled)
                await writer.WriteAsync(labelled.Select(l => Stamp(l with { })).ToList(), $"r{round:D3}");
            if (loss is not null)
            {
                int roundSteps = steps?[round] ?? 100;
                await writer.WriteAsync(Enumerable.Range(1, roundSteps / 10).Select(b => Stamp(new StepRow
                    { Round = round, Step = b * 10, StepsInMean = 10, Loss = loss(round, b * 10), LearningRate = 1e-3 })).ToList(), $"r{round:D3}");
            }
            var ofLabels = labels?.Where(l => l.Round == round).ToList() ?? [];
            if (metrics?.Where(m => m.Round == round).ToList() is { Count: > 0 } ofRound)
                await writer.WriteAsync(ofRound.Select(Stamp).ToList(), $"r{round:D3}");
            await writer.WriteAsync([Stamp(new RoundRow
            {
                Round = round, Difficulties = rounds[round].Labelled, Frontier = rounds[round].Frontier, Steps = steps?[round] ?? 100, Models = 1,
                // With labels rows, the round's numbers are theirs; without, fixed ones.
                LabelsGenerated = ofLabels.Count > 0 ? ofLabels.Count : round == 0 ? 0 : 100,
                LabelsKept = ofLabels.Count > 0 ? ofLabels.Count(l => l.Kept) : round == 0 ? 0 : 90,
                LabelAccuracyGenerated = ofLabels.Count > 0 ? ofLabels.Average(l => l.Correct ? 1.0 : 0) : round == 0 ? double.NaN : labelAccuracies?[round - 1] ?? 0.9,
                LabelAccuracyKept = ofLabels.Any(l => l.Kept) ? ofLabels.Where(l => l.Kept).Average(l => l.Correct ? 1.0 : 0) : round == 0 ? double.NaN : 0.95,
                MeanVotes = round == 0 ? double.NaN : 1, WallSeconds = 10, StopReason = round == rounds.Count - 1 ? "max_round" : "",
            })], $"r{round:D3}");
        }
        await writer.WriteAsync([Stamp(new RunRow
        {
            SpecHash = SpecCanonical.Hash(spec), SpecYaml = SpecCanonical.ToCanonicalYaml(spec), Status = "completed",
            StartedUtc = started, EndedUtc = started.AddMinutes(1), RoundsCompleted = rounds.Count, FinalRound = rounds.Count - 1,
            FinalFrontier = rounds[^1].Frontier, StopReason = "max_round", Models = 1, Filters = "none", Schedule = "uniform",
        })], "run");
    }
}
