using Runner.Core;
using Runner.Core.Ledger;
using Runner.Core.Specs;

namespace Runner.Engine.Runs;

/// <summary>
/// Round 0 trains the base model on D0 alone: it depends on the task, model, training,
/// evaluation, seed, number of models and code, never on filters, schedules, noise or stop
/// rules. Arms that differ only after round 0 (the usual ablation, as in the paper, where every
/// arm starts from one base model) share it: a run whose base key matches a recorded round 0
/// copies that round's checkpoint and ledger rows and continues from round 1, with exactly the
/// results it would have computed itself. Model 0 of a majority vote starts from the seed's own
/// init stream and trains on the same batches as a one-model run, so it is that run's base model:
/// a one-model arm can also start from a vote's round 0, keeping model 0 only.
/// </summary>
public static class BaseModel
{
    /// <summary>
    /// The base key of a run: what its round 0 computes, with which kernels (<see
    /// cref="RunEnvironment.Kernels"/>: a CUDA round 0 is not a CPU one, nor a fast one a portable one), code included.
    /// </summary>
    public static string Key(RunPlan plan, GitInfo git, int models, string kernels) =>
        Hashing.Sha256Hex(string.Join("\n", SpecPart(plan, models), $"kernels: {kernels}", git.CodeTree, git.DiffHash))[..20];

    /// <summary>The base key of model 0 of a run's models on its own: the key a one-model run of the same spec and seed has.</summary>
    public static string ModelZeroKey(RunPlan plan, GitInfo git, string kernels) => Key(plan, git, 1, kernels);

    /// <summary>What round 0 depends on in the spec; runs of one spec share the code, so a plan compares these.</summary>
    public static string SpecPart(RunPlan plan, int models)
    {
        var spec = plan.Spec;
        return string.Join("\n",
            SpecCanonical.ToCanonicalYaml(spec.Task),
            SpecCanonical.ToCanonicalYaml(spec.Model),
            // The later rounds' phase and data mix do not touch round 0: arms that vary them share it.
            SpecCanonical.ToCanonicalYaml(spec.Training with { Rounds = new(), NewestRoundFraction = 0 }),
            SpecCanonical.ToCanonicalYaml(spec.Eval),
            // Evaluation decodes in batches of this size; a run of no rounds stops at round 0.
            $"decode_batch: {spec.SelfImprove.DecodeBatch}",
            $"rounds_zero: {spec.SelfImprove.Rounds == 0}",
            $"models: {models}",
            $"seed: {plan.Seed}");
    }

    /// <summary>
    /// A recorded round 0 with this base key and its checkpoint on disk, or null: a whole run's
    /// when there is one, else a majority vote's whose model 0 has the key.
    /// </summary>
    public static SharedBase? Find(string runsRoot, string key, RunHistory history)
    {
        var recorded = history.RunsThatRecorded(0);
        if (Checkpoint.WithBase(runsRoot, key).FirstOrDefault(c => recorded.Contains(c.RunId)) is { } whole)
            return new SharedBase(whole, ModelZeroOnly: false);
        return Checkpoint.WithBase(runsRoot, key, modelZero: true).FirstOrDefault(c => recorded.Contains(c.RunId)) is { } vote
            ? new SharedBase(vote, ModelZeroOnly: true) : null;
    }
}

/// <summary>A recorded round 0 a run can start from: all of it, or only model 0 of a vote's models.</summary>
public sealed record SharedBase(Checkpoint Checkpoint, bool ModelZeroOnly);
