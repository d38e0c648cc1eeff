using System.Text.RegularExpressions;
using Runner.Core.Evaluation;
using Runner.Core.Model;
using Runner.Core.Tasks;
using static System.FormattableString;

namespace Runner.Core.Specs;

/// <summary>
/// Semantic checks on a bound spec, section by section: one readable line per rule. Errors have
/// the loader's shape and point at the offending key, or at its nearest written ancestor when it
/// was defaulted. Filters and schedules are checked by their declared kinds
/// (<see cref="SpecKinds"/>, <see cref="SpecChecks.Kind{TSection,TKind}"/>): this file names none.
/// </summary>
public static class SpecValidator
{
    static readonly Regex SpecName = new("^[a-z0-9_.-]+$");
    static readonly string[] LabelsPer = ["round", "difficulty"];
    static readonly string[] AvalancheActions = ["stop", "rollback"];
    static readonly string[] Devices = ["auto", "cpu", "cuda"];
    static readonly string[] NumericsModes = ["portable", "fast"];

    // Far beyond any experiment (the paper's largest: 25,000 steps a phase, 65 rounds, 100,000
    // labels); they keep sums in range and a typo like 1e9 rounds from planning for minutes.
    const int MaxPhaseSteps = 10_000_000, MaxRounds = 10_000, MaxLabels = 10_000_000, MaxBatch = 1_000_000, MaxContext = 1_000_000, MaxD0 = 200;

    /// <summary>Every rule the spec breaks. `at` maps key paths to lines (SpecLoader records it while binding).</summary>
    public static IReadOnlyList<SpecError> Validate(Spec spec, string file, SpecLocations at, SpecKinds? kinds = null)
    {
        var c = new SpecChecks(file, at);
        c.Check(SpecName.IsMatch(spec.Name), "name", spec.Name == "" ? "required" : $"must match [a-z0-9_.-]+ (got '{spec.Name}')");
        var task = Task(spec.Task, c);
        var context = new SpecContext(spec, task, kinds ?? SpecKinds.Builtin);
        Model(spec, task, c);
        Training(spec.Training, c);
        SelfImprove(spec.SelfImprove, context, c);
        Eval(spec, task, c);
        Seeds(spec.Seeds, c);
        c.OneOf(spec.Device, Devices, "device");
        c.OneOf(spec.Numerics, NumericsModes, "numerics");
        foreach (var (path, message) in PrecisionChecks.Errors(spec)) c.Check(false, path, message);
        return c.Errors;
    }

    /// <summary>The task kind and D0; returns the task when its kind is valid.</summary>
    static ITask? Task(TaskSpec spec, SpecChecks c)
    {
        c.OneOf(spec.Kind, TaskCatalog.Kinds, "task.kind");
        var task = TaskCatalog.Kinds.Contains(spec.Kind) ? TaskCatalog.Create(spec.Kind) : null;
        c.AtLeast(spec.D0.Min, 1, "task.d0.min");
        c.Check(spec.D0.Max >= spec.D0.Min, "task.d0.max", Invariant($"must be at least task.d0.min = {spec.D0.Min} (got {spec.D0.Max})"));
        c.AtMost(spec.D0.Max, MaxD0, "task.d0.max");
        // A maze needs hops < nodes <= 99 labels (the paper's tasks).
        if (task is { MinDifficulty: > 1 }) c.AtLeast(spec.D0.Min, task.MinDifficulty, "task.d0.min");
        if (task is { MaxDifficulty: < MaxD0 }) c.AtMost(spec.D0.Max, task.MaxDifficulty, "task.d0.max");
        return task;
    }

    /// <summary>Whether the task and D0 are valid, so D0's examples can be generated and measured.</summary>
    static bool D0IsValid(ITask? task, SpecChecks c) =>
        task is not null && !c.Errors.Any(e => e.KeyPath.Contains("task.") || e.KeyPath.EndsWith("model.context", StringComparison.Ordinal));

    static void Model(Spec spec, ITask? task, SpecChecks c)
    {
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
        if (D0IsValid(task, c) && SequenceLength.OfD0(task!, spec.Task.D0.Min, spec.Task.D0.Max) is var d0Tokens && d0Tokens > model.Context)
            c.Check(false, "model.context", Invariant($"D0's longest example needs {d0Tokens} tokens, more than model.context = {model.Context}"));
    }

    static void Training(TrainingSpec training, SpecChecks c)
    {
        c.AtLeast(training.Batch, 1, "training.batch");
        c.AtMost(training.Batch, MaxBatch, "training.batch");
        c.AboveZeroAtMostOne(training.PeakLr, "training.peak_lr");
        c.Between(training.FinalLrFraction, 0, 1, "training.final_lr_fraction");
        Phase(training.Round0, "training.round0", c);
        long round0Steps = (long)training.Round0.Warmup + training.Round0.Stable + training.Round0.Decay + training.Round0.Floor;
        c.Check(round0Steps >= 1, "training.round0", Invariant($"must have at least 1 step (warmup + stable + decay + floor = {round0Steps})"));
        Phase(training.Rounds, "training.rounds", c);
        c.AtLeastZeroBelowOne(training.Adamw.Beta1, "training.adamw.beta1");
        c.AtLeastZeroBelowOne(training.Adamw.Beta2, "training.adamw.beta2");
        c.Positive(training.Adamw.Eps, "training.adamw.eps");
        c.AtLeast(training.Adamw.WeightDecay, 0, "training.adamw.weight_decay");
        c.Positive(training.GradClip, "training.grad_clip");
        c.Between(training.NewestRoundFraction, 0, 1, "training.newest_round_fraction");
    }

    static void Phase(PhaseSpec phase, string path, SpecChecks c)
    {
        foreach (var (part, steps) in new[] { ("warmup", phase.Warmup), ("stable", phase.Stable), ("decay", phase.Decay), ("floor", phase.Floor) })
        {
            c.AtLeast(steps, 0, $"{path}.{part}");
            c.AtMost(steps, MaxPhaseSteps, $"{path}.{part}");
        }
        if (phase.PeakLr is { } peak) c.AboveZeroAtMostOne(peak, $"{path}.peak_lr");
    }

    static void SelfImprove(SelfImproveSpec self, SpecContext context, SpecChecks c)
    {
        c.AtLeast(self.Rounds, 0, "self_improve.rounds");
        c.AtMost(self.Rounds, MaxRounds, "self_improve.rounds");
        c.AtLeast(self.LabelsPerRound, 1, "self_improve.labels_per_round");
        c.AtMost(self.LabelsPerRound, MaxLabels, "self_improve.labels_per_round");
        c.OneOf(self.LabelsPer, LabelsPer, "self_improve.labels_per");
        c.AtLeast(self.DecodeBatch, 1, "self_improve.decode_batch");

        bool voting = false;
        for (var i = 0; i < self.Filters.Count; i++)
        {
            var path = $"self_improve.filters[{i}]";
            if (c.Kind(self.Filters[i], self.Filters[i].Kind, context.Kinds.Filters, path, context, onlyItsKeys: true) is { Votes: true } vote)
            {
                c.Check(!voting, $"{path}.kind", $"only one {vote.Name} filter: it decides how many models a run trains");
                voting = true;
            }
        }
        // An arm that switches the schedule's kind inherits the base's other schedule keys: those may stay.
        c.Kind(self.Schedule, self.Schedule.Kind, context.Kinds.Schedules, "self_improve.schedule", context, onlyItsKeys: false);

        if (self.Noise is { } noise)
        {
            c.AtLeast(noise.Round, 1, "self_improve.noise.round");
            c.AtMost(noise.Round, Math.Max(1, self.Rounds), "self_improve.noise.round");
            c.AboveZeroAtMostOne(noise.Fraction, "self_improve.noise.fraction");
            c.OneOf(noise.Kind, context.Kinds.Noises.Select(n => n.Name).ToList(), "self_improve.noise.kind");
        }
        Stop(self.Stop, context, voting, c);
    }

    static void Stop(StopSpec stop, SpecContext context, bool voting, SpecChecks c)
    {
        var (task, d0) = (context.Task, context.Spec.Task.D0);
        if (stop.Target is { Length: > 0 } target)
        {
            var parsed = context.DifficultyOf(target);
            c.Check(parsed is not null, "self_improve.stop.target",
                $"'{target}' is not a difficulty of {context.Spec.Task.Kind} (expected {(task is { PairDifficulties: true } ? "a pair like 10x10" : "a number")})");
            // The target stops the run when a round labels it: rounds label past D0, within the task's range.
            if (parsed is { } t && D0IsValid(task, c) && t.A <= d0.Max && t.B <= d0.Max)
                c.Check(false, "self_improve.stop.target", Invariant($"'{target}' is not past D0 ({d0.Min}..{d0.Max}), so no round labels it; give a harder difficulty"));
            else if (parsed is { } m && task is { MaxDifficulty: < int.MaxValue })
                c.AtMost(m.A, task.MaxDifficulty, "self_improve.stop.target");
        }
        if (stop.Avalanche is { } guard)
        {
            c.Between(guard.MinKeptFraction, 0, 1, "self_improve.stop.avalanche.min_kept_fraction");
            c.Between(guard.MinAgreement, 0, 1, "self_improve.stop.avalanche.min_agreement");
            c.Between(guard.MinConfidence, 0, 1, "self_improve.stop.avalanche.min_confidence");
            if (guard.MinAgreement > 0)
                c.Check(voting, "self_improve.stop.avalanche.min_agreement", "needs a majority filter: agreement is among its models");
            c.OneOf(guard.Action, AvalancheActions, "self_improve.stop.avalanche.action");
        }
    }

    static void Eval(Spec spec, ITask? task, SpecChecks c)
    {
        var eval = spec.Eval;
        c.AtLeast(eval.Examples, 1, "eval.examples");
        if (eval.From is int from) c.AtLeast(from, 1, "eval.from");
        c.AtLeast(eval.Above, 0, "eval.above");
        if (eval.Below is int below) c.AtLeast(below, 0, "eval.below");
        if (eval.To is int to)
        {
            c.Check(to >= (eval.From ?? spec.Task.D0.Min), "eval.to", Invariant($"must be at least eval.from (or task.d0.min) = {eval.From ?? spec.Task.D0.Min} (got {to})"));
            if (task is { MaxDifficulty: < int.MaxValue }) c.AtMost(to, task.MaxDifficulty, "eval.to");
        }
        c.AboveZeroAtMostOne(eval.Solved, "eval.solved");
        c.AtLeast(eval.Step, 1, "eval.step");
        if (D0IsValid(task, c) && !c.HasErrorsUnder("eval.") && EvaluationWindow.For(spec, task!, spec.Task.D0.Max).Count == 0)
            c.Check(false, "eval", Invariant($"evaluates nothing after round 0: no difficulty of the window is one {spec.Task.Kind} has and model.context = {spec.Model.Context} holds"));
    }

    static void Seeds(IReadOnlyList<int> seeds, SpecChecks c)
    {
        c.Check(seeds.Count > 0, "seeds", "must list at least one seed");
        for (var i = 0; i < seeds.Count; i++)
        {
            c.AtLeast(seeds[i], 0, $"seeds[{i}]");
            var first = seeds.ToList().IndexOf(seeds[i]);
            c.Check(first == i, $"seeds[{i}]", Invariant($"duplicate seed {seeds[i]} (also seeds[{first}])"));
        }
    }
}
