using Runner.Core;
using Runner.Core.Ledger;
using Runner.Core.Model;
using Runner.Core.Specs;

namespace Runner.Core.Plans;

/// <summary>
/// What a run computes, as a hash: the resolved spec, the arm, the seed, the kernels that compute
/// it (Engine's <c>RunEnvironment.KernelsFor</c>: a GPU run of a spec is not its CPU run, which a
/// ledger may already hold, nor an H100 run an A100 one; a portable CPU run is the same on every
/// machine at one thread count, a fast one only on the same CPU model) and the code (the committed
/// tree without ledger/, runs/ and reports/, plus the uncommitted diff). Equal keys give equal
/// results on CPU, and on a GPU results as good as each other (its kernels do not repeat bit for
/// bit), so a completed key is skipped and an interrupted one resumed.
/// </summary>
public static class RunKey
{
    public static string For(RunPlan plan, GitInfo git, string kernels) => Hashing.Sha256Hex(string.Join("\n",
        SpecCanonical.ToCanonicalYaml(plan.Spec), plan.ArmName, plan.Seed, $"kernels: {kernels}", git.CodeTree, git.DiffHash) + BaseCheckpoint.KeyPart(plan.Spec))[..20];
}
