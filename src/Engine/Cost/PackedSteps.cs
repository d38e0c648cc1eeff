using System.Globalization;
using Runner.Core;
using Runner.Core.Evaluation;
using Runner.Core.Model;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Core.Training;
using Runner.Engine.Training;

namespace Runner.Engine.Cost;

/// <summary>A planned round as the mixture sees it: the difficulties it adds (none for round 0) and whether it trains.</summary>
public sealed record MixtureRound(int Round, IReadOnlyList<Difficulty> Difficulties, bool Trains);

/// <summary>
/// The packed training steps of a run, round by round, without training: batches drawn from the
/// mixture the loop draws from (D0, and every earlier round's difficulties with their correct
/// answers) and packed as <see cref="Batch"/> packs them, as (rows, width) pairs. Runs whose
/// mixtures go the same way (the arms and seeds of an ablation) share one draw.
/// </summary>
public sealed class PackedSteps
{
    /// <summary>Examples drawn per training round: enough to average over, few enough to keep a plan instant.</summary>
    const int SampledExamples = 1024;

    /// <summary>Inputs generated per difficulty to stand for a round's kept labels.</summary>
    const int LabelsPerDifficulty = 32;

    readonly Dictionary<string, IReadOnlyList<IReadOnlyList<(int Rows, int Width)>>> drawn = [];

    /// <summary>For each round, in order, the steps drawn for it; none for a round that does not train.</summary>
    public IReadOnlyList<IReadOnlyList<(int Rows, int Width)>> For(Spec spec, IReadOnlyList<MixtureRound> rounds)
    {
        string key = string.Join("|", spec.Task.Kind, spec.Task.D0.Min, spec.Task.D0.Max,
            spec.Training.NewestRoundFraction.ToString("R", CultureInfo.InvariantCulture), spec.Training.Batch, spec.SelfImprove.Schedule.Kind,
            string.Join(";", rounds.Select(r => $"{r.Round}:{Difficulty.Join(r.Difficulties)}:{r.Trains}")));
        if (!drawn.TryGetValue(key, out var steps)) drawn[key] = steps = Draw(spec, rounds);
        return steps;
    }

    static IReadOnlyList<IReadOnlyList<(int Rows, int Width)>> Draw(Spec spec, IReadOnlyList<MixtureRound> rounds)
    {
        var task = TaskCatalog.Create(spec.Task.Kind);
        var tokenizer = new Tokenizer(task.Vocabulary);
        var rng = new Rng(0);
        // Nothing is held out here: which prompts the loop skips does not change their lengths.
        var mixture = new DataMixture(task, spec.Task.D0.Min, spec.Task.D0.Max, spec.Training.NewestRoundFraction,
            new HeldOutPrompts(task, 0, 0), weighRoundsByDifficulties: SpecKinds.Builtin.Schedule(spec.SelfImprove.Schedule.Kind).WeighsRoundsByDifficulties);
        int batch = spec.Training.Batch;
        return rounds.Select(round =>
        {
            if (round.Difficulties.Count > 0)
                mixture.Add(new LabelledSet(round.Round, round.Difficulties, round.Difficulties.SelectMany(d =>
                    Enumerable.Range(0, LabelsPerDifficulty).Select(_ =>
                    {
                        var prompt = task.SamplePrompt(d, rng);
                        return new Example(prompt, task.Solve(prompt));
                    })).ToList()));
            if (!round.Trains) return (IReadOnlyList<(int, int)>)[];
            return Enumerable.Range(0, Math.Max(1, SampledExamples / batch)).Select(_ =>
            {
                var lengths = Enumerable.Range(0, batch).Select(_ => Batch.Tokens(mixture.Sample(rng), tokenizer)).ToList();
                int width = lengths.Max();
                return (Batch.Rows(lengths, width).Count, width);
            }).ToList();
        }).ToList();
    }
}
