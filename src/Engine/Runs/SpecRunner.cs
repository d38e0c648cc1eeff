using Runner.Core.Ledger;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Engine.Cost;
using Runner.Engine.Labelling;
using Runner.Engine.SelfImprovement;

namespace Runner.Engine.Runs;

/// <summary>
/// The outcome of one arm x seed; <see cref="Skipped"/> when the ledger already had it complete;
/// <see cref="SharedRun"/> names the run whose rounds 0..<see cref="SharedThrough"/> it started
/// from (<see cref="SharedRounds"/>), <see cref="SharedModelZero"/> when it took only model 0 of
/// that run's vote.
/// </summary>
public sealed record RunResult(RunPlan Plan, string RunId, IReadOnlyList<RoundOutcome> Rounds, bool Skipped = false,
    int ResumedAfterRound = -1, string StopReason = "", string SharedRun = "", int SharedThrough = -1, bool SharedModelZero = false)
{
    /// <summary>The round whose model is the run's result (<see cref="ResultRound"/>).</summary>
    public RoundOutcome Result => ResultRound(Rounds, StopReason);

    /// <summary>
    /// The last trained round, or after a rollback the round before it (the rollback discards the
    /// round whose model labelled the collapsed round).
    /// </summary>
    public static RoundOutcome ResultRound(IReadOnlyList<RoundOutcome> rounds, string stopReason)
    {
        var trained = rounds.Where(o => o.Steps > 0 || o.Round == 0).ToList();
        return StopReasons.IsRollback(stopReason) ? trained.SkipLast(1).LastOrDefault() ?? rounds[0] : trained[^1];
    }
}

/// <summary>
/// Options of `runner run` that are not part of the spec. With <paramref name="Calibrations"/>,
/// a run whose shape this machine has calibrated records the plan's time estimate of each round.
/// </summary>
public sealed record RunSettings(string LedgerRoot, string RunsRoot, bool RequireClean, CalibrationCache? Calibrations = null);

/// <summary>
/// Runs every arm x seed of a spec: captures provenance, skips runs whose key the ledger has
/// complete, resumes interrupted ones from their last recorded round, starts a run from the
/// latest round another run shares with it, trains through the self-improvement loop,
/// checkpoints each round under the runs folder and records it in the ledger.
/// </summary>
public sealed class SpecRunner(RunSettings settings, RunEnvironment environment)
{
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
            return new RunResult(plan, done.RunId, history.Outcomes(done.RunId), Skipped: true, StopReason: done.StopReason);
        history.RemoveUnrecorded(key);

        var loop = new SelfImprovementLoop(plan.Spec, plan.Seed, environment.Device, DecodeSizingFor(plan));
        var shared = new SharedRounds(plan, git, loop.Models.Count, kernels);
        var start = RunStart.For(plan, key, git, history, shared, CheckpointOf, settings.RunsRoot);
        var run = RunRow(plan, git, key, start, loop);
        var recorder = new LedgerRecorder(new LedgerWriter(settings.LedgerRoot), run, plan.Spec.Eval.Solved, plan.Spec.Task.D0, Estimate(plan));
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
        loop.Run(new Observers(observer, new Saver(checkpoint, loop, shared, recorder), recorder, new Collector(outcomes)), cancel);

        string stop = Finish(run, outcomes, loop.StoppedBy);
        return new RunResult(plan, start.RunId, outcomes, ResumedAfterRound: start.Resumed ? start.AfterRound : -1, StopReason: stop,
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
    string Finish(RunRow run, IReadOnlyList<RoundOutcome> outcomes, string stoppedBy)
    {
        var last = outcomes[^1];
        string stop = last.StopReason.Length > 0 ? last.StopReason : stoppedBy;
        var final = RunResult.ResultRound(outcomes, stop);
        run.EndedUtc = DateTime.UtcNow;
        run.Status = "completed";
        run.RoundsCompleted = outcomes.Count;
        run.FinalRound = final.Round;
        run.FinalFrontier = final.Frontier;
        run.StopReason = stop;
        new LedgerWriter(settings.LedgerRoot).WriteAsync([run], "run").GetAwaiter().GetResult();
        return stop;
    }

    Checkpoint CheckpointOf(string runId) => new(Path.Combine(settings.RunsRoot, runId));

    /// <summary>How much the device decodes at once, from this machine's cached calibration of the plan's shape when it has one.</summary>
    DecodeSizing DecodeSizingFor(RunPlan plan)
    {
        var forecast = RunForecast.For(plan);
        var calibration = settings.Calibrations?.Find(Estimator.Key(forecast, environment));
        return DecodeSizing.For(environment.Device.type, forecast.Shape, calibration);
    }

    /// <summary>The plan's time estimate from this machine's cached calibration; null without one.</summary>
    RunEstimate? Estimate(RunPlan plan)
    {
        if (settings.Calibrations is not { } cache) return null;
        var forecast = RunForecast.For(plan);
        return cache.Find(Estimator.Key(forecast, environment)) is { } calibration ? RunEstimate.For(forecast, calibration) : null;
    }

    RunRow RunRow(RunPlan plan, GitInfo git, string key, RunStart start, SelfImprovementLoop loop) => new()
    {
        Filters = loop.FilterName,
        Schedule = Describe(plan.Spec.SelfImprove.Schedule),
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

    /// <summary>The schedule as the ledger records it, with the accelerated schedule's measure.</summary>
    public static string Describe(ScheduleSpec schedule) => schedule.Kind switch
    {
        "accelerated" => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"accelerated({schedule.Measure}>={schedule.Threshold}, {schedule.ProbeExamples} inputs{(schedule.MaxSteps is int m ? $", at most {m} steps" : "")})"),
        "explicit" => $"explicit({string.Join("; ", schedule.Difficulties)})",
        _ => schedule.Kind,
    };

    /// <summary>The uncommitted change the run was made with, next to its checkpoints.</summary>
    static void SaveDiff(string folder, GitInfo git)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "code.diff"),
            $"# {git.Sha} + uncommitted changes (hash {git.DiffHash})\n# changed: {string.Join(", ", git.ChangedFiles)}\n{git.Diff}");
    }

    /// <summary>Checkpoints each round, and tells the recorder (which runs next) how long that took.</summary>
    sealed class Saver(Checkpoint checkpoint, SelfImprovementLoop loop, SharedRounds shared, LedgerRecorder recorder) : ILoopObserver
    {
        public void RoundCompleted(RoundOutcome outcome)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            checkpoint.Save(loop);
            checkpoint.MarkShared(outcome.Round, shared.Key(outcome.Round), outcome.Round == 0 ? shared.ModelZeroKey : null);
            recorder.CheckpointTime = clock.Elapsed;
        }
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
        public void Labelling(int round, IReadOnlyList<Difficulty> difficulties, int count) { foreach (var o in all) o.Labelling(round, difficulties, count); }
        public void Evaluating(int round, IReadOnlyList<Difficulty> difficulties) { foreach (var o in all) o.Evaluating(round, difficulties); }
        public void RoundCompleted(RoundOutcome outcome) { foreach (var o in all) o.RoundCompleted(outcome); }
    }
}

/// <summary>Clean code was required (CI=true or --require-clean) and the tree has uncommitted changes.</summary>
public sealed class DirtyTreeException(IReadOnlyList<string> changedFiles)
    : Exception($"uncommitted changes, refusing to run (CI=true or --require-clean): {string.Join(", ", changedFiles)}")
{
    public IReadOnlyList<string> ChangedFiles { get; } = changedFiles;
}
