using System.CommandLine;
using System.Globalization;
using Runner.Core;
using Runner.Core.Evaluation;
using Runner.Core.Ledger;
using Runner.Core.Specs;
using Runner.Engine;
using Runner.Engine.Evaluation;
using Runner.Engine.Native;
using Runner.Engine.Runs;

namespace Runner.Cli.Commands;

/// <summary>
/// `runner eval SPEC`: evaluates the recorded checkpoints of a spec's finished runs again, without
/// training, on another window of difficulties or more examples (the paper's experiments/*_eval.sh),
/// into the ledger's rescores table, with each answer's per-token entropy.
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "The spec whose finished runs to evaluate again (its name finds them in the ledger)" };
        var examples = Number("--examples", "Prompts per difficulty (default: the run's eval.examples); past the run's own held-out prompts, only ones it never labelled, and none more at D0");
        var from = Number("--from", "First difficulty (replaces the run's eval.below)");
        var to = Number("--to", "Last difficulty (replaces the run's eval.above)");
        var below = Number("--below", "Start this many difficulties below the end of what the round had trained on");
        var above = Number("--above", "End this many difficulties past the end of what the round had trained on");
        var step = Number("--step", "Every step-th difficulty from the first");
        var rounds = new Option<string>("--rounds")
        {
            Description = "Which rounds: all recorded ones whose checkpoint is on disk, last, or a list of rounds and ranges such as 0,5,10 or 72-100",
            HelpName = "all|last|N,M-K,...", DefaultValueFactory = _ => "all",
        };
        var run = new Option<string?>("--run") { Description = "Only this run (id or a prefix of exactly one id)" };
        var ledger = LedgerOption.Create();
        var runs = new Option<string>("--runs") { Description = "Folder the runs' checkpoints are in", DefaultValueFactory = _ => "runs" };
        var threads = PlanCommand.ThreadsOption();
        var command = new Command("eval",
            "Evaluate the checkpoints of a spec's finished runs again without training, on another window of difficulties or more examples, " +
            "into the ledger's rescores table (accuracy and per-token entropy per round, model and difficulty). Rounds already evaluated with the same settings are skipped.")
        {
            spec, examples, from, to, below, above, step, rounds, run, ledger, runs, threads,
        };
        command.SetAction(parse => Execute(new EvalOptions(parse.GetValue(spec)!,
            new RescoreSettings(parse.GetValue(examples), parse.GetValue(from), parse.GetValue(to), parse.GetValue(below), parse.GetValue(above), parse.GetValue(step)),
            parse.GetValue(rounds)!, parse.GetValue(run), parse.GetValue(ledger)!, parse.GetValue(runs)!, parse.GetValue(threads)), Console.Out, Console.Error));
        return command;
    }

    static Option<int?> Number(string name, string description) => new(name) { Description = description, HelpName = "N" };

    /// <param name="Rounds">--rounds as given: all, last, or a comma-separated list.</param>
    /// <param name="Run">--run: one run id or prefix; null for every finished run of the spec.</param>
    public sealed record EvalOptions(string Spec, RescoreSettings Settings, string Rounds = "all", string? Run = null,
        string Ledger = "ledger", string Runs = "runs", int Threads = 0);

    public static int Execute(EvalOptions options, TextWriter output, TextWriter errors)
    {
        if (Invalid(options) is { } problem)
        {
            errors.WriteLine($"runner: error: {problem}");
            return ExitCodes.InvalidArguments;
        }
        var loaded = SpecFiles.LoadAll([options.Spec], errors);
        if (loaded is null) return ExitCodes.InvalidSpec;
        string specName = loaded[0].Base.Name;
        return LedgerErrors.Guard(errors, () =>
        {
            var reader = new LedgerReader(options.Ledger);
            var finished = new RunCatalog(reader).ListAsync(specName).GetAwaiter().GetResult()
                .Where(r => r.Row is not null && (options.Run is null || r.RunId.StartsWith(options.Run, StringComparison.Ordinal))).ToList();
            if (finished.Count == 0 || (options.Run is not null && finished.Select(r => r.RunId).Distinct().Count() > 1))
            {
                errors.WriteLine(finished.Count == 0
                    ? $"runner: error: no finished run of spec '{specName}'{(options.Run is null ? "" : $" matching '{options.Run}'")} in {options.Ledger}"
                    : $"runner: error: run '{options.Run}' is ambiguous in {options.Ledger}: it matches {string.Join(", ", finished.Select(r => r.RunId))}");
                return ExitCodes.NoSuchRun;
            }
            var recordedRounds = reader.ReadAsync<RoundRow>(specName).GetAwaiter().GetResult().ToLookup(r => r.RunId, r => r.Round);
            var done = reader.ReadAsync<RescoreRow>(specName).GetAwaiter().GetResult().Select(r => (r.RunId, r.Settings, r.Round)).ToHashSet();
            var labelled = Labelled(reader, specName, errors);
            var git = GitProvenance.Capture(options.Spec, [Path.GetFullPath(options.Ledger), Path.GetFullPath(options.Runs)]);
            var writer = new LedgerWriter(options.Ledger);
            int evaluated = 0, missing = 0;
            RunEnvironment? environment = null;
            foreach (var summary in finished)
            {
                var row = summary.Row!;
                if (!SpecLoader.TryParse(row.SpecYaml, "spec_yaml", out var recorded, out _))
                {
                    errors.WriteLine($"runner: error: run {row.RunId}'s recorded spec in {options.Ledger} does not parse");
                    return ExitCodes.Failed;
                }
                var runSpec = recorded.Base;
                var eval = options.Settings.ApplyTo(runSpec.Eval);
                string settings = RescoreSettings.Describe(eval);
                var checkpoint = new Checkpoint(Path.Combine(options.Runs, row.RunId));
                // Kernels and threads are chosen once a process, before libtorch loads: the first run's, as `runner run` takes its first arm's.
                environment ??= RunEnvironment.Create(runSpec.Device, options.Threads, runSpec.Numerics);
                var rescorer = new Rescorer(row, runSpec, checkpoint, environment.Device);
                foreach (int round in Selected(recordedRounds[row.RunId].Distinct().Order().ToList(), options.Rounds))
                {
                    if (done.Contains((row.RunId, settings, round)))
                    {
                        output.WriteLine($"{row.RunId} round {round}: already evaluated with {settings}");
                        continue;
                    }
                    if (!checkpoint.Exists(round))
                    {
                        missing++;
                        output.WriteLine($"{row.RunId} round {round}: no checkpoint in {checkpoint.Folder} (`runner gc` keeps round 0 and the last round)");
                        continue;
                    }
                    var rows = rescorer.Round(round, eval, labelled?.GetValueOrDefault(row.RunId, []), git.Sha);
                    if (rows.Count == 0)
                    {
                        output.WriteLine($"{row.RunId} round {round}: the window {settings} holds no difficulty for this round");
                        continue;
                    }
                    writer.WriteAsync(rows, $"rescore-{Hashing.Sha256Hex(settings)[..10]}-r{round:D3}").GetAwaiter().GetResult();
                    evaluated++;
                    output.WriteLine($"{row.RunId} round {round}: {Line(rows)}");
                }
            }
            if (evaluated == 0 && missing > 0)
            {
                errors.WriteLine($"runner: error: no checkpoint to evaluate under {options.Runs} (checkpoints stay on the machine that ran the run)");
                return ExitCodes.Failed;
            }
            output.WriteLine($"ledger: {Path.GetFullPath(options.Ledger)} (table {RescoreRow.TableName}, settings {RescoreSettings.Describe(options.Settings.ApplyTo(loaded[0].Base.Eval))})");
            return ExitCodes.Ok;
        });
    }

    /// <summary>The options' first problem, or null: counts at least 1, offsets at least 0, a window that is not reversed, rounds that parse.</summary>
    static string? Invalid(EvalOptions options)
    {
        var s = options.Settings;
        foreach (var (name, value, least) in new[] { ("--examples", s.Examples, 1), ("--from", s.From, 1), ("--to", s.To, 1), ("--step", s.Step, 1), ("--below", s.Below, 0), ("--above", s.Above, 0) })
            if (value < least) return $"{name} must be at least {least} (got {value})";
        if (s.From > s.To) return $"--from {s.From} is past --to {s.To}";
        if (s.From is not null && s.Below is not null) return "--from and --below both set where the window starts: give one";
        if (s.To is not null && s.Above is not null) return "--to and --above both set where the window ends: give one";
        if (options.Rounds is not ("all" or "last") && RoundList(options.Rounds) is null)
            return $"--rounds must be all, last or a list of rounds and ranges such as 0,5,10 or 72-100 (got '{options.Rounds}')";
        return null;
    }

    static IEnumerable<int> Selected(IReadOnlyList<int> recorded, string rounds) => rounds switch
    {
        "all" => recorded,
        "last" => recorded.TakeLast(1),
        _ => RoundList(rounds)!.Where(recorded.Contains).Distinct().Order(),
    };

    /// <summary>"0,5,10" or "72-100" (ranges inclusive) as rounds; null when an item is neither a number nor a range.</summary>
    static IReadOnlyList<int>? RoundList(string text)
    {
        var rounds = new List<int>();
        foreach (var item in text.Split(','))
        {
            var ends = item.Split('-');
            if (ends.Length > 2 || !ends.All(e => int.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out _))) return null;
            int first = int.Parse(ends[0], CultureInfo.InvariantCulture), last = int.Parse(ends[^1], CultureInfo.InvariantCulture);
            if (last < first) return null;
            rounds.AddRange(Enumerable.Range(first, last - first + 1));
        }
        return rounds;
    }

    /// <summary>Every prompt each run labelled, or null (with a note) when a labels file of the spec is not fetched (a Git LFS pointer).</summary>
    static Dictionary<string, HashSet<string>>? Labelled(LedgerReader reader, string specName, TextWriter errors)
    {
        var folder = LedgerLayout.SpecFolder<LabelRow>(reader.Root, specName);
        if (Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*" + LedgerLayout.Extension).Any(GitLfsPointer.IsPointer))
        {
            errors.WriteLine("runner: note: some labels files are not fetched (git lfs pull): only each run's own held-out prompts are used");
            return null;
        }
        return reader.ReadAsync<LabelRow>(specName).GetAwaiter().GetResult()
            .GroupBy(l => l.RunId).ToDictionary(g => g.Key, g => g.Select(l => l.Prompt).ToHashSet());
    }

    /// <summary>Model 0's accuracy per difficulty, and the entropy range: "11:100% 12:98% 13:41% (entropy 0.01-0.35 nats)".</summary>
    static string Line(IReadOnlyList<RescoreRow> rows)
    {
        var first = rows.Where(r => r.Member == 0).ToList();
        var accuracies = string.Join(" ", first.Select(r =>
            $"{LedgerDifficulty.Of(r.Difficulty, r.DifficultyB)}:{(100 * r.Accuracy).ToString("0", CultureInfo.InvariantCulture)}%"));
        int models = rows.Select(r => r.Member).Distinct().Count();
        int least = first.Min(r => r.Examples), most = first.Max(r => r.Examples);
        return $"{accuracies}{(models > 1 ? $" (model 0 of {models})" : "")}, {(least == most ? $"{most}" : $"{least}-{most}")} prompts a difficulty, " +
            $"entropy {first.Min(r => r.MeanEntropy).ToString("0.000", CultureInfo.InvariantCulture)}-{first.Max(r => r.MeanEntropy).ToString("0.000", CultureInfo.InvariantCulture)} nats";
    }
}
