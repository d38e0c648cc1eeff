using System.Text.RegularExpressions;
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
    static readonly string[] Schedules = ["uniform"];
    static readonly string[] FilterKinds = ["length"];
    static readonly string[] FilterRules = ["expected", "batch"];
    static readonly string[] Devices = ["auto", "cpu", "cuda"];

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
            // A maze needs hops < nodes <= 99 labels (METHOD.md section 4).
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
        c.AtLeast(model.Context, 8, "model.context");

        var training = spec.Training;
        c.AtLeast(training.Batch, 1, "training.batch");
        c.AboveZeroAtMostOne(training.PeakLr, "training.peak_lr");
        c.Between(training.FinalLrFraction, 0, 1, "training.final_lr_fraction");
        c.Phase(training.Round0, "training.round0");
        c.Check(training.Round0.Steps >= 1, "training.round0",
            Invariant($"must have at least 1 step (warmup + stable + decay = {training.Round0.Steps})"));
        c.Phase(training.Rounds, "training.rounds");
        c.AtLeastZeroBelowOne(training.Adamw.Beta1, "training.adamw.beta1");
        c.AtLeastZeroBelowOne(training.Adamw.Beta2, "training.adamw.beta2");
        c.Positive(training.Adamw.Eps, "training.adamw.eps");
        c.AtLeast(training.Adamw.WeightDecay, 0, "training.adamw.weight_decay");
        c.Positive(training.GradClip, "training.grad_clip");
        c.Between(training.NewestRoundFraction, 0, 1, "training.newest_round_fraction");

        var self = spec.SelfImprove;
        c.AtLeast(self.Rounds, 0, "self_improve.rounds");
        c.AtLeast(self.LabelsPerRound, 1, "self_improve.labels_per_round");
        c.OneOf(self.Schedule, Schedules, "self_improve.schedule");
        c.AtLeast(self.DecodeBatch, 1, "self_improve.decode_batch");
        for (var i = 0; i < self.Filters.Count; i++)
        {
            var filter = self.Filters[i];
            c.OneOf(filter.Kind, FilterKinds, $"self_improve.filters[{i}].kind");
            c.OneOf(filter.Rule, FilterRules, $"self_improve.filters[{i}].rule");
            if (filter.Kind == "length" && filter.Rule == "expected" && taskOfKind is { AnswerLengthIsFixed: false })
                c.Check(false, $"self_improve.filters[{i}].rule",
                    $"'expected' needs a format that fixes the answer length, and {taskOfKind.Kind}'s does not; use rule 'batch' (with k)");
            c.AtLeast(filter.K, 1, $"self_improve.filters[{i}].k");
        }

        var eval = spec.Eval;
        c.AtLeast(eval.Examples, 1, "eval.examples");
        if (eval.From is int from) c.AtLeast(from, 1, "eval.from");
        c.AtLeast(eval.Above, 1, "eval.above");
        if (eval.To is int to)
        {
            c.Check(to >= (eval.From ?? task.D0.Min), "eval.to", Invariant($"must be at least eval.from (or task.d0.min) = {eval.From ?? task.D0.Min} (got {to})"));
            if (taskOfKind is MazeTask m) c.AtMost(to, m.MaxDifficulty, "eval.to");
        }
        c.AboveZeroAtMostOne(eval.Solved, "eval.solved");

        var seeds = spec.Seeds.ToList();
        c.Check(seeds.Count > 0, "seeds", "must list at least one seed");
        for (var i = 0; i < seeds.Count; i++)
        {
            c.AtLeast(seeds[i], 0, $"seeds[{i}]");
            var first = seeds.IndexOf(seeds[i]);
            c.Check(first == i, $"seeds[{i}]", Invariant($"duplicate seed {seeds[i]} (also seeds[{first}])"));
        }

        c.OneOf(spec.Device, Devices, "device");
        return c.Errors;
    }

    /// <summary>Collects errors, locating each key path through the binder's locations.</summary>
    sealed class Checks(string file, SpecLocations at)
    {
        public List<SpecError> Errors { get; } = [];

        public void Check(bool ok, string path, string message)
        {
            if (ok) return;
            var where = at.Find(path);
            Errors.Add(new SpecError(file, where.Line, where.Column, where.PathOf(path), message));
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

        public void Phase(PhaseSpec phase, string path)
        {
            AtLeast(phase.Warmup, 0, $"{path}.warmup");
            AtLeast(phase.Stable, 0, $"{path}.stable");
            AtLeast(phase.Decay, 0, $"{path}.decay");
            if (phase.PeakLr is { } peak) Positive(peak, $"{path}.peak_lr");
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
