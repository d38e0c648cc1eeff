using Runner.Core;
using Runner.Core.Evaluation;
using Runner.Core.Model;
using Runner.Core.Plans;
using Runner.Core.Schedules;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Engine.Labelling;
using Runner.Engine.Runs;
using Runner.Engine.Training;

namespace Runner.Engine.Cost;

/// <summary>
/// One planned round's work: the FLOPs its training steps compute (every model, padding of the
/// packed rows included) and, with a calibration, the seconds its training, labelling and
/// evaluation should take. Seconds are null without a calibration.
/// </summary>
public sealed record RoundEstimate(int Round, double TrainFlops, double? TrainSeconds, double? LabelSeconds, double? EvalSeconds)
{
    public double? Seconds => TrainSeconds + LabelSeconds + EvalSeconds;
}

/// <summary>
/// What a planned run costs (<see cref="RunForecast"/>), worked out without training: each
/// round's batches are drawn from the mixture the loop would draw from (D0, and every earlier
/// round's difficulties with correct answers) and packed as the trainer packs them; labelling
/// and evaluation decode each difficulty's inputs in the spec's decode batches, answers ending
/// at their correct length. The accelerated schedule's rounds are taken to label the next step
/// of the curriculum, and its accuracy measurements are not counted. Like the plan, it assumes
/// no stop rule fires before the last round.
/// </summary>
public sealed record RunEstimate(RunForecast Forecast, IReadOnlyList<RoundEstimate> Rounds, Calibration? Calibration)
{
    /// <summary>The machine and shape the seconds are for; null when the spec's device is not on this machine.</summary>
    public CalibrationKey? Key { get; init; }

    public double TrainFlops => Rounds.Sum(r => r.TrainFlops);
    public double? Seconds => Calibration is null ? null : Rounds.Sum(r => r.Seconds!.Value);
    public double? TrainSeconds => Calibration is null ? null : Rounds.Sum(r => r.TrainSeconds!.Value);
    public double? LabelSeconds => Calibration is null ? null : Rounds.Sum(r => r.LabelSeconds!.Value);
    public double? EvalSeconds => Calibration is null ? null : Rounds.Sum(r => r.EvalSeconds!.Value);

    /// <summary>The estimate of round <paramref name="round"/>, or null when the plan has no such round.</summary>
    public RoundEstimate? Round(int round) => Rounds.FirstOrDefault(r => r.Round == round);

    /// <summary>The estimate of a planned run; <paramref name="packing"/> may be shared between runs to draw each mixture once.</summary>
    public static RunEstimate For(RunForecast forecast, Calibration? calibration, PackedSteps? packing = null)
    {
        var spec = forecast.Plan.Spec;
        var task = TaskCatalog.Create(spec.Task.Kind);
        var tokenizer = new Tokenizer(task.Vocabulary);
        var shape = forecast.Shape;
        var rng = new Rng(0);
        int models = forecast.Models;

        // The accelerated schedule decides its rounds on the day: take each to label the curriculum's next step.
        var trained = task.Levels(spec.Task.D0.Min, spec.Task.D0.Max).ToHashSet();
        var curriculum = new UniformSchedule(new Curriculum(task, spec.Task.D0.Max));
        var mixtureRounds = forecast.Rounds.Select(planned =>
        {
            IReadOnlyList<Difficulty> difficulties = planned.Round == 0 ? []
                : planned.Difficulties ?? curriculum.Next(planned.Round, trained, RunForecast.NoProbe.Instance) ?? [];
            trained.UnionWith(difficulties);
            // Shared rounds are drawn too: a run's draws then do not depend on which rounds it shares.
            return new MixtureRound(planned.Round, difficulties, planned.Steps > 0);
        }).ToList();
        var steps = (packing ?? new PackedSteps()).For(spec, mixtureRounds);

        trained = task.Levels(spec.Task.D0.Min, spec.Task.D0.Max).ToHashSet();
        var rounds = new List<RoundEstimate>();
        for (int i = 0; i < forecast.Rounds.Count; i++)
        {
            var (planned, difficulties) = (forecast.Rounds[i], mixtureRounds[i].Difficulties);
            trained.UnionWith(difficulties);
            // A round copied from an earlier run (shared rounds) is neither trained, labelled nor evaluated here.
            if (planned.Shared)
            {
                rounds.Add(new RoundEstimate(planned.Round, 0, Timed(0), Timed(0), Timed(0)));
                continue;
            }
            double trainFlops = models * planned.Steps * Mean(steps[i], s => Flops.TrainingStep(shape, s.Rows, s.Width));
            if (calibration is null)
            {
                rounds.Add(new RoundEstimate(planned.Round, trainFlops, null, null, null));
                continue;
            }
            double trainSeconds = models * planned.Steps * Mean(steps[i], s => calibration.TrainingStepSeconds(shape, s.Rows, s.Width));
            // As the labeller spreads its inputs: input i labels difficulty i x count / labels.
            double labelSeconds = difficulties.Count == 0 ? 0 : models * Enumerable.Range(0, planned.Labels)
                .GroupBy(n => difficulties[n * difficulties.Count / planned.Labels]).Sum(g => DecodeSeconds(g.Key, g.Count()));
            double evalSeconds = models * EvaluationWindow.For(spec, task, trained.Max(d => d.Size))
                .Sum(d => DecodeSeconds(d, HeldOutPrompts.Count(task, d, spec.Eval.Examples)));
            rounds.Add(new RoundEstimate(planned.Round, trainFlops, trainSeconds, labelSeconds, evalSeconds));
        }
        return new RunEstimate(forecast, rounds, calibration);

        double? Timed(double seconds) => calibration is null ? null : seconds;

        static double Mean(IReadOnlyList<(int Rows, int Width)> steps, Func<(int Rows, int Width), double> cost) =>
            steps.Count == 0 ? 0 : steps.Average(cost);

        // Inputs of one difficulty in decode batches, each writing the answer and its EOS.
        double DecodeSeconds(Difficulty difficulty, int inputs)
        {
            if (inputs == 0) return 0;
            int prompt = tokenizer.EncodePrompt(task.SamplePrompt(difficulty, rng)).Length;
            int written = SequenceLength.Of(task, difficulty) - prompt;
            int decodeBatch = spec.SelfImprove.DecodeBatch, full = inputs / decodeBatch, rest = inputs % decodeBatch;
            return full * calibration!.DecodeSeconds(shape, decodeBatch, prompt, written)
                + (rest > 0 ? calibration.DecodeSeconds(shape, rest, prompt, written) : 0);
        }
    }
}
