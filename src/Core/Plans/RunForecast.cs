using Runner.Core.Filters;
using Runner.Core.Model;
using Runner.Core.Schedules;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Core.Plans;

/// <summary>
/// One round as a plan sees it before anything runs; <see cref="Difficulties"/> is null when the
/// accelerated schedule decides it on the day. A <see cref="Shared"/> round is copied from an
/// earlier run (<see cref="SharedRounds"/>): its steps and labels are not repeated.
/// </summary>
public sealed record PlannedRound(int Round, IReadOnlyList<Difficulty>? Difficulties, int Labels, int Steps, long Examples, bool Shared = false);

/// <summary>
/// What one arm x seed would do, worked out from the spec alone without training (`runner plan`,
/// `runner run --dry-run`): the models, the rounds with their difficulties, steps, labels and
/// training examples. The plan assumes no stop rule fires before the last round. A run that
/// starts from an earlier run's rounds (<see cref="SharedRounds"/>) trains only the rest:
/// <see cref="SharedWith"/> names that run's plan and <see cref="SharedThrough"/> the last round
/// it shares; <see cref="SharesModelZero"/> when a one-model arm takes model 0 of that run's vote.
/// </summary>
public sealed record RunForecast(RunPlan Plan, int Models, TransformerShape Shape, string Filters, string Schedule,
    IReadOnlyList<PlannedRound> Rounds, string StopsAt, RunPlan? SharedWith = null, int SharedThrough = -1, bool SharesModelZero = false)
{
    public long ParametersPerModel => Shape.ParameterCount;

    /// <summary>Steps this run trains (each of its models, in lock-step); shared rounds are not trained again.</summary>
    public long Steps => Rounds.Where(r => !r.Shared).Sum(r => (long)r.Steps);
    public long Examples => Rounds.Where(r => !r.Shared).Sum(r => r.Examples) * Models;
    public long Labels => Rounds.Where(r => !r.Shared).Sum(r => (long)r.Labels);
    /// <summary>Steps of the shared rounds: what training this run apart would cost more.</summary>
    public long SharedSteps => Rounds.Where(r => r.Shared).Sum(r => (long)r.Steps);
    public long SharedLabels => Rounds.Where(r => r.Shared).Sum(r => (long)r.Labels);

    /// <summary>
    /// Every run of a spec in order, each sharing the most rounds it can with an earlier one (or
    /// model 0 of an earlier vote's round 0), as <see cref="SharedRounds.Find"/> would once the
    /// earlier runs are recorded.
    /// </summary>
    public static IReadOnlyList<RunForecast> ForAll(IReadOnlyList<RunPlan> plans)
    {
        var computed = new Dictionary<string, RunPlan>(); // what rounds 0..k read -> the first plan that trains them
        var modelZeros = new Dictionary<string, RunPlan>();
        return plans.Select(plan =>
        {
            var forecast = For(plan);
            var parts = forecast.Rounds.Select(r => SharedRounds.SpecPart(plan, forecast.Models, r.Round)).ToList();
            int through = parts.FindLastIndex(computed.ContainsKey);
            RunPlan? source = through >= 0 ? computed[parts[through]] : null;
            bool modelZero = source is null && modelZeros.TryGetValue(parts[0], out source);
            if (modelZero) through = 0;
            foreach (var part in parts) computed.TryAdd(part, plan);
            if (forecast.Models > 1) modelZeros.TryAdd(SharedRounds.SpecPart(plan, 1, 0), plan);
            return source is null ? forecast : forecast with
            {
                SharedWith = source, SharedThrough = through, SharesModelZero = modelZero,
                Rounds = [.. forecast.Rounds.Select(r => r.Round <= through ? r with { Shared = true } : r)],
            };
        }).ToList();
    }

    public static RunForecast For(RunPlan plan, SpecKinds? kinds = null)
    {
        kinds ??= SpecKinds.Builtin;
        var spec = plan.Spec;
        var task = TaskCatalog.Create(spec.Task.Kind);
        var self = spec.SelfImprove;
        int models = kinds.Models(self.Filters);
        var shape = new TransformerShape(spec.Model.Layers, spec.Model.Heads, spec.Model.DModel, spec.Model.Ffn,
            new Tokenizer(task.Vocabulary).VocabularySize, spec.Model.Context);
        var rounds = new List<PlannedRound> { new(0, [], 0, spec.Training.Round0.Steps, (long)spec.Training.Round0.Steps * spec.Training.Batch) };

        // A schedule that measures the model decides each round on the day; the others can be walked now, through the loop's own stop rules.
        var scheduleKind = kinds.Schedule(self.Schedule.Kind);
        var schedule = scheduleKind.Measures ? null : scheduleKind.Create(self.Schedule, task, spec.Task.D0.Max);
        var stops = new StopRules(spec, task);
        var trained = task.Levels(spec.Task.D0.Min, spec.Task.D0.Max).ToHashSet();
        // A measuring schedule reaches a target on a round only the run will know.
        string stopsAt = schedule is null && stops.Target is { } reached ? $"the round that labels {reached} (target), at most round {self.Rounds} (max_round)"
            : $"round {self.Rounds} (max_round)";
        int perRoundSteps = spec.Training.Rounds.Steps;
        for (int round = 1; round <= self.Rounds; round++)
        {
            var difficulties = schedule?.Next(round, trained, NoProbe.Instance);
            if (schedule is not null && stops.BeforeLabelling(difficulties) is { Stopped: true } before)
            {
                stopsAt = $"round {round - 1} ({before})";
                break;
            }
            int count = difficulties is not null && self.LabelsPer == "difficulty" ? self.LabelsPerRound * difficulties.Count : self.LabelsPerRound;
            rounds.Add(new PlannedRound(round, difficulties, count, perRoundSteps, (long)perRoundSteps * spec.Training.Batch));
            if (difficulties is null) continue;
            trained.UnionWith(difficulties);
            if (stops.AfterTraining(round, difficulties) is { Rule: StopRule.Target } target)
            {
                stopsAt = $"round {round} ({target})";
                break;
            }
        }
        return new RunForecast(plan, models, shape, FilterChain.From(self.Filters, task, kinds).Name,
            scheduleKind.Describe(self.Schedule), rounds, stopsAt);
    }

    /// <summary>The probe of a schedule walked before anything trains: plans and estimates never measure.</summary>
    public sealed class NoProbe : IAccuracyProbe
    {
        public static readonly NoProbe Instance = new();
        public double Accuracy(Difficulty difficulty) => throw new InvalidOperationException("a plan never measures accuracy");
    }
}
