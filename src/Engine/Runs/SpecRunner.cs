using Runner.Core.Ledger;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Engine.Cost;
using Runner.Engine.SelfImprovement;

namespace Runner.Engine.Runs;

/// <summary>
/// The outcome of one arm x seed; <see cref="Skipped"/> when the ledger already had it complete;
/// <see cref="BaseRun"/> names the run whose round 0 it started from (<see cref="BaseModel"/>),
/// <see cref="BaseModelZero"/> when it took only model 0 of that run's vote.
/// </summary>
public sealed record RunResult(RunPlan Plan, string RunId, IReadOnlyList<RoundOutcome> Rounds, bool Skipped = false,
    int ResumedAfterRound = -1, string StopReason = "", string BaseRun = "", bool BaseModelZero = false);

/// <summary>
/// Options of `runner run` that are not part of the spec. With <paramref name="Calibrations"/>,
/// a run whose shape this machine has calibrated records the plan's time estimate of each round.
/// </summary>
public sealed record RunSettings(string LedgerRoot, string RunsRoot, bool RequireClean, CalibrationCache? Calibrations = null);

/// <summary>
/// Runs every arm x seed of a spec: captures provenance, skips runs whose key the ledger has
/// complete, resumes interrupted ones from their last recorded round, starts arms that share a
/// base model from its recorded round 0, trains through the
/// self-improvement loop, checkpoints each round under the runs folder and records it in the ledger.
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
        string key = RunKey.For(plan, git, environment.DeviceName);
        var history = new RunHistory(settings.LedgerRoot, plan.SpecName);
        if (history.Completed(key) is { } done)
            return new RunResult(plan, done.RunId, history.Outcomes(done.RunId), Skipped: true, StopReason: done.StopReason);

        var started = DateTime.UtcNow;
        history.RemoveUnrecorded(key);
        // Recorded rounds without their checkpoint (a fresh clone: runs/ is not committed) cannot be
        // continued: the furthest attempt that can is resumed, or a new one starts beside them.
        var interrupted = history.Interrupted(key, attempt => CheckpointOf(attempt.RunId).Exists(attempt.LastRound));
        string runId = interrupted?.RunId ?? RunIdentity.Create(started, plan.ArmName, plan.Seed, key);
        var checkpoint = CheckpointOf(runId);
        var loop = new SelfImprovementLoop(plan.Spec, plan.Seed, environment.Device);
        string baseKey = BaseModel.Key(plan, git, loop.Models.Count, environment.DeviceName);
        string? modelZeroKey = loop.Models.Count > 1 ? BaseModel.ModelZeroKey(plan, git, environment.DeviceName) : null;

        // A resumed run keeps its first attempt's start and commit: its code is the same (the run
        // key says so), and a run's rows must all carry one SHA for `runner diff` to see it whole.
        if (interrupted is not null && RunIdentity.TryParseStarted(runId, out var firstStarted)) started = firstStarted;
        var run = RunRow(plan, git, key, runId, started, loop);
        if (interrupted is not null) run.GitSha = interrupted.GitSha;
        var recorder = new LedgerRecorder(new LedgerWriter(settings.LedgerRoot), run, plan.Spec.Eval.Solved, Estimate(plan));
        string baseRun = "";
        bool modelZeroOnly = false;
        if (interrupted is null && BaseModel.Find(settings.RunsRoot, baseKey, history) is { } shared)
        {
            // Another arm already trained this seed's base model: start from its round 0.
            modelZeroOnly = shared.ModelZeroOnly;
            checkpoint.CopyRound(shared.Checkpoint, 0, modelZeroOnly);
            recorder.CopyRound(new LedgerReader(settings.LedgerRoot), shared.Checkpoint.RunId, 0, modelZeroOnly);
            checkpoint.MarkBase(baseKey, modelZeroKey);
            interrupted = new InterruptedRun(runId, 0, run.GitSha);
            baseRun = shared.Checkpoint.RunId;
        }

        var outcomes = new List<RoundOutcome>();
        int resumedAfter = -1;
        if (interrupted is not null)
        {
            outcomes.AddRange(history.Outcomes(runId));
            loop.Restore(checkpoint.Load(interrupted.LastRound, loop), outcomes);
            resumedAfter = baseRun.Length > 0 ? -1 : interrupted.LastRound;
        }

        if (git.IsDirty) SaveDiff(checkpoint.Folder, git);
        loop.Run(new Observers(observer, new Saver(checkpoint, loop, baseKey, modelZeroKey, recorder), recorder, new Collector(outcomes)), cancel);

        // The run row is written once every round is recorded: its presence means "complete".
        var last = outcomes[^1];
        string stop = last.StopReason.Length > 0 ? last.StopReason : loop.StoppedBy;
        // A rollback discards the round whose model labelled the collapsed round: the result is the round before it.
        var final = StopReasons.IsRollback(stop) ? outcomes.Where(o => o.Steps > 0 || o.Round == 0).SkipLast(1).LastOrDefault() ?? outcomes[0]
            : outcomes.Last(o => o.Steps > 0 || o.Round == 0);
        run.EndedUtc = DateTime.UtcNow;
        run.Status = "completed";
        run.RoundsCompleted = outcomes.Count;
        run.FinalRound = final.Round;
        run.FinalFrontier = final.Frontier;
        run.StopReason = stop;
        new LedgerWriter(settings.LedgerRoot).WriteAsync([run], "run").GetAwaiter().GetResult();
        return new RunResult(plan, runId, outcomes, ResumedAfterRound: resumedAfter, StopReason: stop, BaseRun: baseRun, BaseModelZero: modelZeroOnly);
    }

    Checkpoint CheckpointOf(string runId) => new(Path.Combine(settings.RunsRoot, runId));

    /// <summary>The plan's time estimate from this machine's cached calibration; null without one.</summary>
    RunEstimate? Estimate(RunPlan plan)
    {
        if (settings.Calibrations is not { } cache) return null;
        var forecast = RunForecast.For(plan);
        return cache.Find(Estimator.Key(forecast, environment)) is { } calibration ? RunEstimate.For(forecast, calibration) : null;
    }

    RunRow RunRow(RunPlan plan, GitInfo git, string key, string runId, DateTime started, SelfImprovementLoop loop) => new()
    {
        Filters = loop.FilterName,
        Schedule = Describe(plan.Spec.SelfImprove.Schedule),
        Models = loop.Models.Count,
        RunId = runId,
        RunKey = key,
        SpecName = plan.SpecName,
        Arm = plan.ArmName,
        Seed = plan.Seed,
        GitSha = git.Sha,
        GitBranch = git.Branch,
        GitDirty = git.IsDirty,
        GitDiffHash = git.DiffHash,
        CodeTree = git.CodeTree,
        SpecHash = SpecCanonical.Hash(plan.Spec),
        SpecYaml = SpecCanonical.ToCanonicalYaml(plan.Spec),
        Packages = environment.Packages,
        Host = environment.Host,
        Os = environment.Os,
        Cpu = environment.Cpu,
        Gpu = environment.Gpu,
        Device = environment.DeviceName,
        Threads = environment.Threads,
        Determinism = environment.Determinism,
        StartedUtc = started,
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
    sealed class Saver(Checkpoint checkpoint, SelfImprovementLoop loop, string baseKey, string? modelZeroKey, LedgerRecorder recorder) : ILoopObserver
    {
        public void RoundCompleted(RoundOutcome outcome)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            checkpoint.Save(loop);
            if (outcome.Round == 0) checkpoint.MarkBase(baseKey, modelZeroKey);
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
