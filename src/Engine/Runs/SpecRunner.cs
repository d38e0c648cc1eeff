using Runner.Core.Ledger;
using Runner.Core.Plans;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Engine.Cost;
using Runner.Engine.Labelling;
using Runner.Engine.Native;
using Runner.Engine.SelfImprovement;

namespace Runner.Engine.Runs;

/// <summary>
/// The outcome of one arm x seed; <see cref="Skipped"/> when the ledger already had it complete;
/// <see cref="SharedRun"/> names the run whose rounds 0..<see cref="SharedThrough"/> it started
/// from (<see cref="SharedRounds"/>), <see cref="SharedModelZero"/> when it took only model 0 of
/// that run's vote.
/// </summary>
public sealed record RunResult(RunPlan Plan, string RunId, IReadOnlyList<RoundOutcome> Rounds, StopReason StopReason, bool Skipped = false,
    int ResumedAfterRound = -1, string SharedRun = "", int SharedThrough = -1, bool SharedModelZero = false)
{
    /// <summary>The round whose model is the run's result (<see cref="ResultRound"/>).</summary>
    public RoundOutcome Result => ResultRound(Rounds, StopReason);

    /// <summary>
    /// The last trained round, or after a rollback the round before it (the rollback discards the
    /// round whose model labelled the collapsed round).
    /// </summary>
    public static RoundOutcome ResultRound(IReadOnlyList<RoundOutcome> rounds, StopReason stopReason)
    {
        var trained = rounds.Where(o => o.Steps > 0 || o.Round == 0).ToList();
        return stopReason.Rule == StopRule.AvalancheRollback ? trained.SkipLast(1).LastOrDefault() ?? rounds[0] : trained[^1];
    }
}

/// <summary>
/// Options of `runner run` that are not part of the spec. With <paramref name="Calibrations"/>,
/// a run whose shape this machine has calibrated records the plan's time estimate of each round.
/// </summary>
public sealed record RunSettings(string LedgerRoot, string RunsRoot, bool RequireClean, CalibrationCache? Calibrations = null);

/// <summary>
/// What a whole spec's run tells the outside world (a display, a test): each run as it starts,
/// with the observer that follows its rounds, and each run as it ends.
/// </summary>
public interface ISpecObserver
{
    ILoopObserver RunStarting(RunPlan plan) => NoLoopObserver.Instance;
    void RunFinished(RunResult result) { }
}

/// <summary>Follows nothing.</summary>
public sealed class NoLoopObserver : ILoopObserver, ISpecObserver
{
    public static readonly NoLoopObserver Instance = new();
}

/// <summary>
/// Owns a spec's run: every arm x seed of a shard in order (<see cref="RunAll"/>). For each it
/// skips a run whose key the ledger has complete, resumes an interrupted one from its last
/// recorded round, or starts from the latest round another run shares with it; trains through
/// the self-improvement loop; and after each round, in this order, saves the round's checkpoint
/// under the runs folder, records the round in the ledger, and tells the observer.
/// </summary>
public sealed class SpecRunner(RunSettings settings, RunEnvironment environment, SpecKinds? kinds = null)
{
    readonly SpecKinds kinds = kinds ?? SpecKinds.Builtin;

    /// <summary>Every run of <paramref name="spec"/> in <paramref name="shard"/>, in plan order; provenance is taken once for all of them.</summary>
    public IReadOnlyList<RunResult> RunAll(LoadedSpec spec, Shard shard, GitInfo git, ISpecObserver observer, CancellationToken cancel = default)
    {
        var results = new List<RunResult>();
        foreach (var plan in shard.Select(RunPlan.For(spec)))
        {
            var result = Run(plan, git, observer.RunStarting(plan), cancel);
            observer.RunFinished(result);
            results.Add(result);
        }
        return results;
    }

    /// <summary>Provenance of the code the spec runs with; refuses a dirty tree when clean code is required.</summary>
    public static GitInfo Provenance(string specPath, RunSettings settings)
    {
        var git = GitProvenance.Capture(specPath, [Path.GetFullPath(settings.LedgerRoot), Path.GetFullPath(settings.RunsRoot)]);
        if (settings.RequireClean && git.IsDirty)
            throw new DirtyTreeException(git.ChangedFiles);
        return git;
    }

    /// <summary>Runs one arm x seed. <paramref name="observer"/> sees progress; the ledger sees each completed round.</summary>
    public RunResult Run(RunPlan plan, GitInfo git, ILoopObserver observer, CancellationToken cancel = default)
    {
        string kernels = environment.KernelsFor(plan.Spec.Tf32);
        string key = RunKey.For(plan, git, kernels);
        var history = new RunHistory(settings.LedgerRoot, plan.SpecName);
        if (history.Completed(key) is { } done)
            return new RunResult(plan, done.RunId, history.Outcomes(done.RunId), StopReason.Parse(done.StopReason), Skipped: true);
        history.RemoveUnrecorded(key);

        // This machine's cached calibration of the plan's shape, if any, sizes decoding and gives each round's estimate.
        var forecast = RunForecast.For(plan, kinds);
        var calibration = settings.Calibrations?.Find(Estimator.Key(forecast, environment));
        var loop = new SelfImprovementLoop(plan.Spec, plan.Seed, environment.Device,
            DecodeSizing.For(environment.Device.type, forecast.Shape, calibration), kinds);
        var shared = new SharedRounds(plan, git, loop.Models.Count, kernels);
        var start = RunStart.For(plan, key, git, history, shared, CheckpointOf, settings.RunsRoot);
        var run = RunRow(plan, git, key, start, loop);
        var recorder = new LedgerRecorder(new LedgerWriter(settings.LedgerRoot), run, plan.Spec.Eval.Solved, plan.Spec.Task.D0,
            calibration is null ? null : RunEstimate.For(forecast, calibration));
        var checkpoint = CheckpointOf(start.RunId);
        if (start.Shared is { } from) Copy(from, checkpoint, recorder, shared);

        var outcomes = new List<RoundOutcome>();
        if (start.AfterRound >= 0)
        {
            outcomes.AddRange(history.Outcomes(start.RunId));
            loop.Restore(checkpoint.Load(start.AfterRound, loop), outcomes);
        }
        if (git.IsDirty) SaveDiff(checkpoint.Folder, git);
        environment.UseTf32(plan.Spec.Tf32);
        var curve = new TrainingCurveRecorder(new LedgerWriter(settings.LedgerRoot), run);
        loop.Run(new EachRound(observer, curve, outcome =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            checkpoint.Save(loop);
            checkpoint.MarkShared(outcome.Round, shared.Key(outcome.Round), outcome.Round == 0 ? shared.ModelZeroKey : null);
            curve.RoundCompleted(outcome);
            recorder.Record(outcome, clock.Elapsed);
            outcomes.Add(outcome);
        }), cancel);

        var stop = Finish(run, outcomes, loop.StoppedBy);
        return new RunResult(plan, start.RunId, outcomes, stop, ResumedAfterRound: start.Resumed ? start.AfterRound : -1,
            SharedRun: start.Shared?.Checkpoint.RunId ?? "", SharedThrough: start.Shared?.Round ?? -1, SharedModelZero: start.Shared?.ModelZeroOnly ?? false);
    }

    /// <summary>Another run's rounds become this run's: the checkpoint of the last shared round, its key, then the ledger rows of every shared round.</summary>
    void Copy(SharedStart from, Checkpoint checkpoint, LedgerRecorder recorder, SharedRounds shared)
    {
        checkpoint.CopyRound(from.Checkpoint, from.Round, from.ModelZeroOnly);
        checkpoint.MarkShared(from.Round, shared.Key(from.Round), from.Round == 0 ? shared.ModelZeroKey : null);
        recorder.CopyRounds(new LedgerReader(settings.LedgerRoot), from.Checkpoint.RunId, from.Round, from.ModelZeroOnly);
    }

    /// <summary>Writes the run row once every round is recorded: its presence means "complete".</summary>
    StopReason Finish(RunRow run, IReadOnlyList<RoundOutcome> outcomes, StopReason stoppedBy)
    {
        var last = outcomes[^1];
        var stop = last.StopReason.Stopped ? last.StopReason : stoppedBy;
        var final = RunResult.ResultRound(outcomes, stop);
        run.EndedUtc = DateTime.UtcNow;
        run.Status = "completed";
        run.RoundsCompleted = outcomes.Count;
        run.FinalRound = final.Round;
        run.FinalFrontier = final.Frontier;
        run.StopReason = stop.ToString();
        new LedgerWriter(settings.LedgerRoot).WriteAsync([run], "run").GetAwaiter().GetResult();
        return stop;
    }

    Checkpoint CheckpointOf(string runId) => new(Path.Combine(settings.RunsRoot, runId));

    RunRow RunRow(RunPlan plan, GitInfo git, string key, RunStart start, SelfImprovementLoop loop) => new()
    {
        Filters = loop.FilterName,
        Schedule = kinds.Schedule(plan.Spec.SelfImprove.Schedule.Kind).Describe(plan.Spec.SelfImprove.Schedule),
        Models = loop.Models.Count,
        RunId = start.RunId,
        RunKey = key,
        SpecName = plan.SpecName,
        Arm = plan.ArmName,
        Seed = plan.Seed,
        GitSha = start.GitSha,
        GitBranch = git.Branch,
        GitDirty = git.IsDirty,
        GitDiffHash = git.DiffHash,
        CodeTree = git.CodeTree,
        SpecHash = SpecCanonical.Hash(plan.Spec),
        SpecYaml = SpecCanonical.ToCanonicalYaml(plan.Spec),
        Packages = environment.Packages,
        Host = environment.Host,
        Os = environment.Os,
        Cpu = environment.CpuName,
        CpuId = environment.Cpu.Identity,
        CpuFlags = environment.Cpu.KernelFlagList,
        CpuCapability = environment.CpuCapability,
        Numerics = environment.Numerics.Mode,
        NumericsSettings = environment.Numerics.SettingsText,
        Gpu = environment.Gpu,
        Tf32 = environment.Tf32For(plan.Spec.Tf32),
        Device = environment.DeviceName,
        Threads = environment.Threads,
        Determinism = environment.Determinism,
        StartedUtc = start.Started,
    };

    /// <summary>The uncommitted change the run was made with, next to its checkpoints.</summary>
    static void SaveDiff(string folder, GitInfo git)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "code.diff"),
            $"# {git.Sha} + uncommitted changes (hash {git.DiffHash})\n# changed: {string.Join(", ", git.ChangedFiles)}\n{git.Diff}");
    }

    /// <summary>
    /// The loop's events as the run handles them: a completed round is first made durable
    /// (<paramref name="record"/>: checkpoint, training curve, then the round's rows), then shown;
    /// training progress goes to the curve and the display; every other event is only shown.
    /// </summary>
    sealed class EachRound(ILoopObserver display, ILoopObserver curve, Action<RoundOutcome> record) : ILoopObserver
    {
        public void PhaseStarted(int round, int steps)
        {
            curve.PhaseStarted(round, steps);
            display.PhaseStarted(round, steps);
        }

        public void StepCompleted(int round, int step, double loss, double lr)
        {
            curve.StepCompleted(round, step, loss, lr);
            display.StepCompleted(round, step, loss, lr);
        }

        public void Labelling(int round, IReadOnlyList<Difficulty> difficulties, int count) => display.Labelling(round, difficulties, count);
        public void Evaluating(int round, IReadOnlyList<Difficulty> difficulties) => display.Evaluating(round, difficulties);

        public void RoundCompleted(RoundOutcome outcome)
        {
            record(outcome);
            display.RoundCompleted(outcome);
        }
    }
}

/// <summary>Clean code was required (CI=true or --require-clean) and the tree has uncommitted changes.</summary>
public sealed class DirtyTreeException(IReadOnlyList<string> changedFiles)
    : Exception($"uncommitted changes, refusing to run (CI=true or --require-clean): {string.Join(", ", changedFiles)}")
{
    public IReadOnlyList<string> ChangedFiles { get; } = changedFiles;
}
