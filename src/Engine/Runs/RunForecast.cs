using Runner.Core.Filters;
using Runner.Core.Model;
using Runner.Core.Schedules;
using Runner.Core.Tasks;
using Runner.Engine.Model;

namespace Runner.Engine.Runs;

/// <summary>One round as a plan sees it before anything runs; <see cref="Difficulties"/> is null when the accelerated schedule decides it on the day.</summary>
public sealed record PlannedRound(int Round, IReadOnlyList<Difficulty>? Difficulties, int Labels, int Steps, long Examples);

/// <summary>
/// What one arm x seed would do, worked out from the spec alone without training (`runner plan`,
/// `runner run --dry-run`): the models, the rounds with their difficulties, steps, labels and
/// training examples. The plan assumes no stop rule fires before the last round. A run that
/// starts from an earlier arm's base model (<see cref="BaseModel"/>) trains no round 0 of its own:
/// <see cref="SharesBaseWith"/> names that arm's plan; <see cref="SharesModelZero"/> when a
/// one-model arm takes model 0 of that arm's vote.
/// </summary>
public sealed record RunForecast(RunPlan Plan, int Models, TransformerShape Shape, string Filters, string Schedule,
    IReadOnlyList<PlannedRound> Rounds, string StopsAt, RunPlan? SharesBaseWith = null, bool SharesModelZero = false)
{
    public long ParametersPerModel => Shape.ParameterCount;

    public long Steps => Rounds.Sum(r => (long)r.Steps);
    public long Examples => Rounds.Sum(r => r.Examples) * Models;
    public long Labels => Rounds.Sum(r => (long)r.Labels);

    /// <summary>
    /// Every run of a spec in order, each later arm that shares an earlier one's base model (or
    /// model 0 of its vote) without its own round 0, as <see cref="BaseModel.Find"/> would.
    /// </summary>
    public static IReadOnlyList<RunForecast> ForAll(IReadOnlyList<RunPlan> plans)
    {
        var bases = new Dictionary<string, RunPlan>();
        var modelZeros = new Dictionary<string, RunPlan>();
        return plans.Select(plan =>
        {
            var forecast = For(plan);
            string key = BaseModel.SpecPart(plan, forecast.Models);
            RunPlan? source = bases.TryAdd(key, plan) ? null : bases[key];
            bool modelZero = source is null && modelZeros.TryGetValue(key, out source);
            if (forecast.Models > 1) modelZeros.TryAdd(BaseModel.SpecPart(plan, 1), plan);
            return source is null ? forecast : forecast with
            {
                SharesBaseWith = source, SharesModelZero = modelZero,
                Rounds = [forecast.Rounds[0] with { Steps = 0, Examples = 0 }, .. forecast.Rounds.Skip(1)],
            };
        }).ToList();
    }

    public static RunForecast For(RunPlan plan)
    {
        var spec = plan.Spec;
        var task = TaskCatalog.Create(spec.Task.Kind);
        var self = spec.SelfImprove;
        int models = FilterChain.Models(self.Filters);
        var shape = new TransformerShape(spec.Model.Layers, spec.Model.Heads, spec.Model.DModel, spec.Model.Ffn,
            new Tokenizer(task.Vocabulary).VocabularySize, spec.Model.Context);
        var rounds = new List<PlannedRound> { new(0, [], 0, spec.Training.Round0.Steps, (long)spec.Training.Round0.Steps * spec.Training.Batch) };

        // The uniform and explicit schedules never measure, so they can be walked now; the accelerated one decides each round.
        var trained = task.Levels(spec.Task.D0.Min, spec.Task.D0.Max).ToHashSet();
        var schedule = self.Schedule.Kind == "accelerated" ? null : ScheduleCatalog.Create(self.Schedule, task, spec.Task.D0.Max);
        var target = self.Stop.Target.Length > 0 ? Difficulty.Parse(self.Stop.Target) : (Difficulty?)null;
        string stopsAt = $"round {self.Rounds} (max_round)";
        int perRoundSteps = spec.Training.Rounds.Steps;
        for (int round = 1; round <= self.Rounds; round++)
        {
            var difficulties = schedule?.Next(round, trained, NoProbe.Instance);
            if (schedule is not null && difficulties is null) { stopsAt = $"round {round - 1} (curriculum_end)"; break; }
            if (difficulties?.Where(d => !SequenceLength.Fits(task, d, spec.Model.Context)).ToList() is [var tooLong, ..])
            {
                stopsAt = $"round {round - 1} (context: {tooLong} needs {SequenceLength.Of(task, tooLong)} tokens)";
                break;
            }
            int count = difficulties is not null && self.LabelsPer == "difficulty" ? self.LabelsPerRound * difficulties.Count : self.LabelsPerRound;
            rounds.Add(new PlannedRound(round, difficulties, count, perRoundSteps, (long)perRoundSteps * spec.Training.Batch));
            if (difficulties is null) continue;
            trained.UnionWith(difficulties);
            if (target is { } t && difficulties.Contains(t)) { stopsAt = $"round {round} (target {t})"; break; }
        }
        return new RunForecast(plan, models, shape, FilterChain.From(self.Filters, task).Name,
            SpecRunner.Describe(self.Schedule), rounds, stopsAt);
    }

    /// <summary>The probe of a schedule walked before anything trains: plans and estimates never measure.</summary>
    internal sealed class NoProbe : IAccuracyProbe
    {
        public static readonly NoProbe Instance = new();
        public double Accuracy(Difficulty difficulty) => throw new InvalidOperationException("a plan never measures accuracy");
    }
}
