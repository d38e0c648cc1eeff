using Runner.Core.Ledger;
using Runner.Core.SelfImprovement;
using Runner.Core.Specs;
using TorchSharp;

namespace Runner.Core.Runs;

/// <summary>The outcome of one arm x seed.</summary>
public sealed record RunResult(RunPlan Plan, string RunId, IReadOnlyList<RoundOutcome> Rounds);

/// <summary>
/// Runs every arm x seed of a spec: captures provenance, trains through the self-improvement
/// loop, checkpoints each round under the runs folder and records everything in the ledger.
/// </summary>
public sealed class SpecRunner(string ledgerRoot, string runsRoot, RunEnvironment environment)
{
    /// <summary>Runs one arm x seed. <paramref name="observer"/> sees progress; the ledger sees each completed round.</summary>
    public RunResult Run(RunPlan plan, string specPath, ILoopObserver observer, CancellationToken cancel = default)
    {
        var git = GitProvenance.Capture(specPath, [Path.GetFullPath(ledgerRoot), Path.GetFullPath(runsRoot)]);
        var started = DateTime.UtcNow;
        var run = new RunRow
        {
            RunId = RunIdentity.Create(started, plan.ArmName, plan.Seed, git.Sha),
            SpecName = plan.SpecName,
            Arm = plan.ArmName,
            Seed = plan.Seed,
            GitSha = git.Sha,
            GitBranch = git.Branch,
            GitDirty = git.IsDirty,
            SpecHash = SpecCanonical.Hash(plan.Spec),
            SpecYaml = SpecCanonical.ToCanonicalYaml(plan.Spec),
            Packages = environment.Packages,
            Host = environment.Host,
            Os = environment.Os,
            Device = environment.DeviceName,
            Threads = environment.Threads,
            StartedUtc = started,
        };
        var writer = new LedgerWriter(ledgerRoot);
        var checkpoints = new CheckpointWriter(Path.Combine(runsRoot, run.RunId));
        var outcomes = new List<RoundOutcome>();
        var loop = new SelfImprovementLoop(plan.Spec, plan.Seed, environment.Device);
        var recorder = new LedgerRecorder(writer, run);
        try
        {
            loop.Run(new Observers(observer, recorder, checkpoints.For(loop.Model), new Collector(outcomes)), cancel);
            Finish(writer, run, outcomes, "completed");
        }
        catch (OperationCanceledException)
        {
            Finish(writer, run, outcomes, "cancelled");
            throw;
        }
        catch (Exception)
        {
            Finish(writer, run, outcomes, "failed");
            throw;
        }
        return new RunResult(plan, run.RunId, outcomes);
    }

    static void Finish(LedgerWriter writer, RunRow run, List<RoundOutcome> outcomes, string status)
    {
        run.EndedUtc = DateTime.UtcNow;
        run.Status = status;
        run.RoundsCompleted = outcomes.Count;
        run.FinalFrontier = outcomes.Count > 0 ? outcomes[^1].Frontier : 0;
        writer.WriteAsync([run], "run").GetAwaiter().GetResult();
    }

    sealed class Collector(List<RoundOutcome> outcomes) : ILoopObserver
    {
        public void RoundCompleted(RoundOutcome outcome) => outcomes.Add(outcome);
    }

    /// <summary>Forwards every event to each observer in turn.</summary>
    sealed class Observers(params ILoopObserver[] all) : ILoopObserver
    {
        public void PhaseStarted(int round, int steps) { foreach (var o in all) o.PhaseStarted(round, steps); }
        public void StepCompleted(int round, int step, double loss, double lr) { foreach (var o in all) o.StepCompleted(round, step, loss, lr); }
        public void Labelling(int round, IReadOnlyList<int> difficulties, int count) { foreach (var o in all) o.Labelling(round, difficulties, count); }
        public void Evaluating(int round, IReadOnlyList<int> difficulties) { foreach (var o in all) o.Evaluating(round, difficulties); }
        public void RoundCompleted(RoundOutcome outcome) { foreach (var o in all) o.RoundCompleted(outcome); }
    }
}

/// <summary>Saves the model's weights after every round as runs/&lt;run id&gt;/round-NNN.pt (git-ignored).</summary>
public sealed class CheckpointWriter(string folder)
{
    public ILoopObserver For(torch.nn.Module model) => new Saver(folder, model);

    sealed class Saver(string folder, torch.nn.Module model) : ILoopObserver
    {
        public void RoundCompleted(RoundOutcome outcome)
        {
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"round-{outcome.Round:D3}.pt");
            var temp = path + ".tmp";
            model.save(temp);
            File.Move(temp, path, overwrite: true);
        }
    }
}
