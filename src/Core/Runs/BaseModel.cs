using Runner.Core.Ledger;
using Runner.Core.Specs;

namespace Runner.Core.Runs;

/// <summary>
/// Round 0 trains the base model on D0 alone: it depends on the task, model, training,
/// evaluation, seed, number of models and code, never on filters, schedules, noise or stop
/// rules. Arms that differ only after round 0 (the usual ablation, as in the paper, where every
/// arm starts from one base model) share it: a run whose base key matches a recorded round 0
/// copies that round's checkpoint and ledger rows and continues from round 1, with exactly the
/// results it would have computed itself.
/// </summary>
public static class BaseModel
{
    /// <summary>The base key of a run: what its round 0 computes, on which device (a CUDA round 0 is not a CPU one), code included.</summary>
    public static string Key(RunPlan plan, GitInfo git, int models, string deviceName) =>
        Hashing.Sha256Hex(string.Join("\n", SpecPart(plan, models), $"device: {deviceName}", git.CodeTree, git.DiffHash))[..20];

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

    /// <summary>A recorded round 0 with this base key and its checkpoint on disk, or null.</summary>
    public static Checkpoint? Find(string runsRoot, string key, RunHistory history)
    {
        var recorded = history.RunsThatRecorded(0);
        return Checkpoint.WithBase(runsRoot, key).FirstOrDefault(c => recorded.Contains(c.RunId));
    }
}
