using System.Text.RegularExpressions;
using Runner.Core.Evaluation;
using Runner.Core.Model;
using Runner.Core.Tasks;
using static System.FormattableString;

namespace Runner.Core.Specs;

/// <summary>
/// Semantic checks on a bound spec: one readable line per rule. Errors have the loader's shape
/// and point at the offending key, or at its nearest written ancestor when it was defaulted.
/// </summary>
public static class SpecValidator
{
    static readonly Regex SpecName = new("^[a-z0-9_.-]+$");
    static readonly string[] Schedules = ["uniform", "accelerated", "explicit"];
    static readonly string[] Measures = ["true_labels", "agreement"];
    static readonly string[] LabelsPer = ["round", "difficulty"];
    static readonly string[] FilterKinds = ["length", "majority", "confidence", "oracle"];
    static readonly string[] NoiseKinds = ["random", "drop", "perturb", "both"];
    static readonly string[] AvalancheActions = ["stop", "rollback"];
    static readonly string[] FilterRules = ["expected", "batch"];
    static readonly string[] Devices = ["auto", "cpu", "cuda"];
    static readonly string[] NumericsModes = ["portable", "fast"];

    // Far beyond any experiment (the paper's largest: 25,000 steps a phase, 65 rounds, 100,000
    // labels); they keep sums in range and a typo like 1e9 rounds from planning for minutes.
    const int MaxPhaseSteps = 10_000_000, MaxRounds = 10_000, MaxLabels = 10_000_000, MaxBatch = 1_000_000, MaxContext = 1_000_000;

    /// <summary>Every rule the spec breaks. `at` maps key paths to lines (SpecLoader records it while binding).</summary>
    public static IReadOnlyList<SpecError> Validate(Spec spec, string file, SpecLocations at)
    {
        var c = new Checks(file, at);

        c.Check(SpecName.IsMatch(spec.Name), "name", spec.Name == "" ? "required" : $"must match [a-z0-9_.-]+ (got '{spec.Name}')");

        var task = spec.Task;
        c.OneOf(task.Kind, TaskCatalog.Kinds, "task.kind");
        var taskOfKind = TaskCatalog.Kinds.Contains(task.Kind) ? TaskCatalog.Create(task.Kind) : null;
        c.AtLeast(task.D0.Min, 1, "task.d0.min");
        c.Check(task.D0.Max >= task.D0.Min, "task.d0.max", Invariant($"must be at least task.d0.min = {task.D0.Min} (got {task.D0.Max})"));
        c.AtMost(task.D0.Max, 200, "task.d0.max");
        if (taskOfKind is MazeTask maze)
        {
            // A maze needs hops < nodes <= 99 labels (the paper's tasks).
            c.AtLeast(task.D0.Min, maze.MinDifficulty, "task.d0.min");
            c.AtMost(task.D0.Max, maze.MaxDifficulty, "task.d0.max");
        }

        var model = spec.Model;
        c.AtLeast(model.Layers, 1, "model.layers");
        c.AtLeast(model.Heads, 1, "model.heads");
        c.AtLeast(model.DModel, 1, "model.d_model");
        if (model.Heads >= 1 && model.DModel >= 1)
            c.Check(model.DModel % model.Heads == 0, "model.heads",
                Invariant($"heads must divide d_model ({model.DModel} % {model.Heads} = {model.DModel % model.Heads})"));
        c.AtLeast(model.Ffn, 1, "model.ffn");
        c.Check(model.PositionalEncoding == "none", "model.positional_encoding",
            $"must be 'none': only NoPE is implemented (got '{model.PositionalEncoding}')");
        foreach (var (path, message) in PretrainedSpecRules.Check(model)) c.Check(false, path, message);
        c.AtLeast(model.Context, 8, "model.context");
        c.AtMost(model.Context, MaxContext, "model.context");
        // Round 0 trains on D0 whatever the schedule; later rounds that outgrow the context stop the run (stop_reason "context").
        bool d0IsValid = taskOfKind is not null && !c.Errors.Any(e => e.KeyPath.Contains("task.") || e.KeyPath.EndsWith("model.context", StringComparison.Ordinal));
        if (d0IsValid && SequenceLength.OfD0(taskOfKind!, task.D0.Min, task.D0.Max) is var d0Tokens && d0Tokens > model.Context)
            c.Check(false, "model.context", Invariant($"D0's longest example needs {d0Tokens} tokens, more than model.context = {model.Context}"));

        var training = spec.Training;
        c.AtLeast(training.Batch, 1, "training.batch");
        c.AtMost(training.Batch, MaxBatch, "training.batch");
        c.AboveZeroAtMostOne(training.PeakLr, "training.peak_lr");
        c.Between(training.FinalLrFraction, 0, 1, "training.final_lr_fraction");
        c.Phase(training.Round0, "training.round0");
        long round0Steps = (long)training.Round0.Warmup + training.Round0.Stable + training.Round0.Decay + training.Round0.Floor;
        c.Check(round0Steps >= 1, "training.round0", Invariant($"must have at least 1 step (warmup + stable + decay + floor = {round0Steps})"));
        c.Phase(training.Rounds, "training.rounds");
        c.AtLeastZeroBelowOne(training.Adamw.Beta1, "training.adamw.beta1");
        c.AtLeastZeroBelowOne(training.Adamw.Beta2, "training.adamw.beta2");
        c.Positive(training.Adamw.Eps, "training.adamw.eps");
        c.AtLeast(training.Adamw.WeightDecay, 0, "training.adamw.weight_decay");
        c.Positive(training.GradClip, "training.grad_clip");
        c.Between(training.NewestRoundFraction, 0, 1, "training.newest_round_fraction");

        var self = spec.SelfImprove;
        c.AtLeast(self.Rounds, 0, "self_improve.rounds");
        c.AtMost(self.Rounds, MaxRounds, "self_improve.rounds");
        c.AtLeast(self.LabelsPerRound, 1, "self_improve.labels_per_round");
        c.AtMost(self.LabelsPerRound, MaxLabels, "self_improve.labels_per_round");
        c.OneOf(self.LabelsPer, LabelsPer, "self_improve.labels_per");
        c.AtLeast(self.DecodeBatch, 1, "self_improve.decode_batch");
        int majorityFilters = 0;
        for (var i = 0; i < self.Filters.Count; i++)
        {
            var filter = self.Filters[i];
            var key = $"self_improve.filters[{i}]";
            c.OneOf(filter.Kind, FilterKinds, $"{key}.kind");
            IgnoredFilterKeys(c, filter, key);
            if (filter.Kind == "length")
            {
                c.OneOf(filter.Rule, FilterRules, $"{key}.rule");
                if (filter.Rule == "expected" && taskOfKind is { PromptTellsAnswerLength: false })
                    c.Check(false, $"{key}.rule",
                        $"'expected' needs a prompt that tells the answer's length, and {taskOfKind.Kind}'s does not; use rule 'batch' (with k)");
                c.AtLeast(filter.K, 1, $"{key}.k");
            }
            if (filter.Kind == "majority")
            {
                majorityFilters++;
                c.Check(majorityFilters == 1, $"{key}.kind", "only one majority filter: it decides how many models a run trains");
                c.AtLeast(filter.Models, 2, $"{key}.models");
                c.AboveZeroAtMostOne(filter.Threshold, $"{key}.threshold");
            }
            if (filter.Kind == "confidence")
                c.AboveZeroAtMostOne(filter.Threshold, $"{key}.threshold");
        }
        Schedule(c, spec, taskOfKind, majorityFilters > 0);
        if (self.Noise is { } noise)
        {
            c.AtLeast(noise.Round, 1, "self_improve.noise.round");
            c.AtMost(noise.Round, Math.Max(1, self.Rounds), "self_improve.noise.round");
            c.AboveZeroAtMostOne(noise.Fraction, "self_improve.noise.fraction");
            c.OneOf(noise.Kind, NoiseKinds, "self_improve.noise.kind");
        }
        if (self.Stop.Target is { Length: > 0 } target)
        {
            var parsed = DifficultyFor(target, taskOfKind);
            c.Check(parsed is not null, "self_improve.stop.target",
                $"'{target}' is not a difficulty of {task.Kind} (expected {(taskOfKind is Multiplication ? "a pair like 10x10" : "a number")})");
            // The target stops the run when a round labels it: rounds label past D0, within the task's range.
            if (parsed is { } t && d0IsValid && t.A <= task.D0.Max && t.B <= task.D0.Max)
                c.Check(false, "self_improve.stop.target", Invariant($"'{target}' is not past D0 ({task.D0.Min}..{task.D0.Max}), so no round labels it; give a harder difficulty"));
            else if (parsed is { } m && taskOfKind is MazeTask targetMaze)
                c.AtMost(m.A, targetMaze.MaxDifficulty, "self_improve.stop.target");
        }
        if (self.Stop.Avalanche is { } guard)
        {
            c.Between(guard.MinKeptFraction, 0, 1, "self_improve.stop.avalanche.min_kept_fraction");
            c.Between(guard.MinAgreement, 0, 1, "self_improve.stop.avalanche.min_agreement");
            c.Between(guard.MinConfidence, 0, 1, "self_improve.stop.avalanche.min_confidence");
            if (guard.MinAgreement > 0)
                c.Check(majorityFilters > 0, "self_improve.stop.avalanche.min_agreement", "needs a majority filter: agreement is among its models");
            c.OneOf(guard.Action, AvalancheActions, "self_improve.stop.avalanche.action");
        }

        var eval = spec.Eval;
        c.AtLeast(eval.Examples, 1, "eval.examples");
        if (eval.From is int from) c.AtLeast(from, 1, "eval.from");
        c.AtLeast(eval.Above, 0, "eval.above");
        if (eval.Below is int below) c.AtLeast(below, 0, "eval.below");
        if (eval.To is int to)
        {
            c.Check(to >= (eval.From ?? task.D0.Min), "eval.to", Invariant($"must be at least eval.from (or task.d0.min) = {eval.From ?? task.D0.Min} (got {to})"));
            if (taskOfKind is MazeTask m) c.AtMost(to, m.MaxDifficulty, "eval.to");
        }
        c.AboveZeroAtMostOne(eval.Solved, "eval.solved");
        c.AtLeast(eval.Step, 1, "eval.step");
        if (d0IsValid && !c.Errors.Any(e => e.KeyPath.Contains("eval.")) && EvaluationWindow.For(spec, taskOfKind!, task.D0.Max).Count == 0)
            c.Check(false, "eval", Invariant($"evaluates nothing after round 0: no difficulty of the window is one {task.Kind} has and model.context = {model.Context} holds"));

        var seeds = spec.Seeds.ToList();
        c.Check(seeds.Count > 0, "seeds", "must list at least one seed");
        for (var i = 0; i < seeds.Count; i++)
        {
            c.AtLeast(seeds[i], 0, $"seeds[{i}]");
            var first = seeds.IndexOf(seeds[i]);
            c.Check(first == i, $"seeds[{i}]", Invariant($"duplicate seed {seeds[i]} (also seeds[{first}])"));
        }

        c.OneOf(spec.Device, Devices, "device");
        c.OneOf(spec.Numerics, NumericsModes, "numerics");
        return c.Errors;
    }

    /// <summary>
    /// Keys of one filter kind set on another (`{kind: oracle, models: 3}`), or k on the expected
    /// rule, would be silently ignored. Defaults are allowed: the canonical spec writes every key.
    /// </summary>
    static void IgnoredFilterKeys(Checks c, FilterSpec filter, string key)
    {
        var byDefault = new FilterSpec();
        string takes = filter.Kind switch
        {
            "length" => " (it takes rule, k)", "majority" => " (it takes models, threshold)", "confidence" => " (it takes threshold)",
            _ => ", which takes no other key",
        };
        if (filter.Kind != "length")
        {
            c.Unused(filter.Rule, byDefault.Rule, $"{key}.rule", $"does not apply to kind '{filter.Kind}'{takes}");
            c.Unused(filter.K, byDefault.K, $"{key}.k", $"does not apply to kind '{filter.Kind}'{takes}");
        }
        else if (filter.Rule == "expected")
            c.Unused(filter.K, byDefault.K, $"{key}.k", "'k' is for rule 'batch'; rule 'expected' has no k");
        if (filter.Kind != "majority")
            c.Unused(filter.Models, byDefault.Models, $"{key}.models", $"does not apply to kind '{filter.Kind}'{takes}");
        if (filter.Kind is not ("majority" or "confidence"))
            c.Unused(filter.Threshold, byDefault.Threshold, $"{key}.threshold", $"does not apply to kind '{filter.Kind}'{takes}");
    }

    static void Schedule(Checks c, Spec spec, ITask? task, bool majority)
    {
        var schedule = spec.SelfImprove.Schedule;
        c.OneOf(schedule.Kind, Schedules, "self_improve.schedule.kind");
        if (schedule.Kind == "accelerated")
        {
            c.AboveZeroAtMostOne(schedule.Threshold, "self_improve.schedule.threshold");
            c.AtLeast(schedule.ProbeExamples, 1, "self_improve.schedule.probe_examples");
            c.OneOf(schedule.Measure, Measures, "self_improve.schedule.measure");
            if (schedule.Measure == "agreement")
                c.Check(majority, "self_improve.schedule.measure", "'agreement' needs a majority filter: it is the share of inputs its models agree on");
            if (schedule.MaxSteps is int max) c.AtLeast(max, 1, "self_improve.schedule.max_steps");
        }
        if (schedule.Kind == "explicit")
        {
            c.Check(schedule.Difficulties.Count >= spec.SelfImprove.Rounds, "self_improve.schedule.difficulties",
                Invariant($"lists {schedule.Difficulties.Count} rounds, but self_improve.rounds is {spec.SelfImprove.Rounds}"));
            for (var i = 0; i < schedule.Difficulties.Count; i++)
            {
                var entry = schedule.Difficulties[i];
                var parsed = entry.Split(',').Select(d => DifficultyFor(d, task)).ToList();
                c.Check(entry.Length > 0 && parsed.All(d => d is not null), $"self_improve.schedule.difficulties[{i}]",
                    $"'{entry}' is not a comma-separated list of {task?.Kind ?? "task"} difficulties (like {(task is Multiplication ? "1x6,6x1" : "11 or 11,12")})");
                if (task is MazeTask maze && parsed.All(d => d is not null))
                    c.Check(parsed.All(d => d!.Value.A >= maze.MinDifficulty && d.Value.A <= maze.MaxDifficulty), $"self_improve.schedule.difficulties[{i}]",
                        Invariant($"'{entry}': a {maze.Kind} difficulty must be {maze.MinDifficulty}..{maze.MaxDifficulty}"));
            }
        }
    }

    /// <summary>The difficulty a spec writes, when it has the task's shape: a pair for multiplication, a number otherwise.</summary>
    static Difficulty? DifficultyFor(string text, ITask? task) =>
        Difficulty.TryParse(text) is { } d && (task is null || d.IsPair == task is Multiplication) ? d : null;

    /// <summary>Collects errors, locating each key path through the binder's locations.</summary>
    sealed class Checks(string file, SpecLocations at)
    {
        public List<SpecError> Errors { get; } = [];

        public void Check(bool ok, string path, string message)
        {
            if (ok) return;
            var where = at.Find(path);
            Errors.Add(SpecError.At(file, where, where.PathOf(path), message));
        }

        public void AtLeast(int value, int min, string path) =>
            Check(value >= min, path, Invariant($"must be at least {min} (got {value})"));

        public void AtLeast(double value, double min, string path) =>
            Check(value >= min, path, Invariant($"must be at least {min} (got {value})"));

        public void AtMost(int value, int max, string path) =>
            Check(value <= max, path, Invariant($"must be at most {max} (got {value})"));

        public void Positive(double value, string path) =>
            Check(value > 0, path, Invariant($"must be greater than 0 (got {value})"));

        public void Between(double value, double min, double max, string path) =>
            Check(value >= min && value <= max, path, Invariant($"must be between {min} and {max} (got {value})"));

        public void AtLeastZeroBelowOne(double value, string path) =>
            Check(value >= 0 && value < 1, path, Invariant($"must be at least 0 and less than 1 (got {value})"));

        public void AboveZeroAtMostOne(double value, string path) =>
            Check(value > 0 && value <= 1, path, Invariant($"must be greater than 0 and at most 1 (got {value})"));

        /// <summary>A key the spec wrote with a value other than its default, though nothing reads it: an error, as the user surely meant something.</summary>
        public void Unused<T>(T value, T byDefault, string path, string message) =>
            Check(!at.IsWritten(path) || EqualityComparer<T>.Default.Equals(value, byDefault), path, message);

        public void Phase(PhaseSpec phase, string path)
        {
            foreach (var (part, steps) in new[] { ("warmup", phase.Warmup), ("stable", phase.Stable), ("decay", phase.Decay), ("floor", phase.Floor) })
            {
                AtLeast(steps, 0, $"{path}.{part}");
                AtMost(steps, MaxPhaseSteps, $"{path}.{part}");
            }
            if (phase.PeakLr is { } peak) AboveZeroAtMostOne(peak, $"{path}.peak_lr");
        }

        /// <summary>An enum-like string: "required", or unknown with a did-you-mean / the choices.</summary>
        public void OneOf(string value, IReadOnlyList<string> allowed, string path)
        {
            if (allowed.Contains(value)) return;
            Check(false, path, value == ""
                ? $"required (expected one of: {string.Join(", ", allowed)})"
                : $"unknown value '{value}' {Suggestions.Hint(value, allowed)}");
        }
    }
}
