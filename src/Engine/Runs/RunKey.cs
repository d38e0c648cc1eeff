using Runner.Core;
using Runner.Core.Ledger;
using Runner.Core.Specs;

namespace Runner.Engine.Runs;

/// <summary>
/// What a run computes, as a hash: the resolved spec, the arm, the seed, the device it runs on
/// (<see cref="RunEnvironment.KeyDevice"/>: cpu, or cuda with the GPU model and TF32; a GPU run
/// of a spec is not its CPU run, nor an H100 run an A100 one, which a ledger may already hold)
/// and the code (the committed tree without ledger/ and runs/, plus the uncommitted diff). Equal
/// keys give equal results on the CPU, and results that differ only by the GPU's nondeterminism
/// on the same GPU model, so a completed key is skipped and an interrupted one resumed.
/// </summary>
public static class RunKey
{
    public static string For(RunPlan plan, GitInfo git, string deviceName) => Hashing.Sha256Hex(string.Join("\n",
        SpecCanonical.ToCanonicalYaml(plan.Spec), plan.ArmName, plan.Seed, $"device: {deviceName}", git.CodeTree, git.DiffHash))[..20];
}
