using Runner.Core.Ledger;
using Runner.Core.Specs;

namespace Runner.Core.Plans;

/// <summary>
/// Rounds 0..k of a run compute the same thing for every run whose spec agrees on what those
/// rounds read. Round 0 trains the base model on D0 alone: it reads the task, model, training,
/// evaluation, seed, number of models, kernels and code, never filters, schedules, noise or stop rules.
/// Rounds 1..k read the rest of the spec too, except noise not applied yet, the entries of an
/// explicit schedule after round k, and the number of rounds beyond the fact that round k is or
/// is not the last. Each round's checkpoint records that as its key, so a run whose key at round
/// k matches a recorded round of another run copies that round's checkpoint and the ledger rows
/// of rounds 0..k, and trains on from round k+1 with exactly the results it would have computed
/// itself on the CPU. On a GPU, whose kernels are not deterministic, it would have computed rounds
/// that differ in the last bits: the shared ones are as good a draw, and the key includes the GPU
/// model and TF32 (Engine's <c>RunEnvironment.KernelsFor</c>). Arms that differ only after round 0 (the usual ablation) share their base model; the
/// noise study's arms share their clean rounds up to the noise round, as the paper branches its
/// noisy runs off one clean checkpoint (experiments/run_addition_sweep_random_labels_new.sh).
/// Model 0 of a majority vote starts from the seed's own init stream and trains on the same
/// batches as a one-model run, so it is that run's base model: a one-model arm can also start
/// from a vote's round 0, keeping model 0 only (only round 0: the vote's later rounds train on
/// voted labels).
/// </summary>
public sealed class SharedRounds
{
    readonly IReadOnlyList<string> keys;

    public SharedRounds(RunPlan plan, GitInfo git, int models, string kernels)
    {
        string Key(int models, int round) => Hashing.Sha256Hex(string.Join("\n",
            SpecPart(plan, models, round), $"kernels: {kernels}", git.CodeTree, git.DiffHash))[..20];
        keys = Enumerable.Range(0, plan.Spec.SelfImprove.Rounds + 1).Select(round => Key(models, round)).ToList();
        ModelZeroKey = models > 1 ? Key(1, 0) : null;
    }

    /// <summary>
    /// The key of rounds 0..<paramref name="round"/>: what they compute, with which kernels (Engine's
    /// <c>RunEnvironment.KernelsFor</c>: a CUDA round is not a CPU one, nor an H100's an A100's, nor a fast one a portable one), code included.
    /// </summary>
    public string Key(int round) => keys[round];

    /// <summary>For a majority vote, the key of round 0 of its model 0 alone: the key a one-model run of the same spec and seed has.</summary>
    public string? ModelZeroKey { get; }

    /// <summary>What rounds 0..<paramref name="round"/> read in the spec; runs of one spec share the code, so a plan compares these.</summary>
    public static string SpecPart(RunPlan plan, int models, int round)
    {
        var spec = plan.Spec;
        var self = spec.SelfImprove;
        // Round 0 never reads the later rounds' phase and data mix, nor how they label; it decodes its evaluation in decode_batch.
        var training = round == 0 ? spec.Training with { Rounds = new(), NewestRoundFraction = 0 } : spec.Training;
        var rounds = round == 0 ? new SelfImproveSpec { DecodeBatch = self.DecodeBatch } : self with
        {
            Rounds = 0,
            Noise = self.Noise is { } noise && noise.Round <= round ? noise : null,
            Schedule = self.Schedule with { Difficulties = self.Schedule.Difficulties.Take(round).ToList() },
        };
        return string.Join("\n",
            SpecCanonical.ToCanonicalYaml(spec.Task),
            SpecCanonical.ToCanonicalYaml(spec.Model),
            SpecCanonical.ToCanonicalYaml(training),
            SpecCanonical.ToCanonicalYaml(rounds),
            SpecCanonical.ToCanonicalYaml(spec.Eval),
            // The last round is recorded with its stop reason (max_round).
            $"round: {round}",
            $"last: {self.Rounds == round}",
            $"models: {models}",
            $"seed: {plan.Seed}");
    }

    public int Count => keys.Count;
}
