using System.Globalization;

namespace Runner.Core.Plans;

/// <summary>
/// Which share of a spec's runs one process trains: shard <see cref="Index"/> of <see cref="Count"/>
/// (1-based, written "2/3"). Runs are dealt out by seed: the spec's seeds, in the order its
/// runs list them, go to shards 1, 2, ..., N, 1, 2, ... and every arm of a seed goes with it.
/// So each run lands in exactly one shard for any N, and the arms that share a seed's round 0
/// (<see cref="BaseModel"/>, found in the shard's own runs folder) still share it; a
/// majority-vote arm's models are one run, so they stay in one process. Shards past the number
/// of seeds are empty. Shard ledgers merge by copying their files into one folder: run ids
/// name the arm, seed and run key, so they never collide.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    /// <summary>Every run: what a process without --shard trains.</summary>
    public static readonly Shard All = new(1, 1);

    /// <summary>The environment variables <c>--shard auto</c> reads, in the order it tries them.</summary>
    public const string AutoVariables = "RUNNER_SHARD (I/N, e.g. from a GitHub Actions matrix), SLURM_ARRAY_TASK_ID with RUNNER_SHARD_COUNT (a Slurm job array), " +
        "JOB_COMPLETION_INDEX with RUNNER_SHARD_COUNT (a Kubernetes indexed Job)";

    /// <summary>The plans of this shard, in their order.</summary>
    public IReadOnlyList<RunPlan> Select(IReadOnlyList<RunPlan> plans)
    {
        var seeds = Seeds(plans);
        return plans.Where(p => seeds.IndexOf(p.Seed) % Count == Index - 1).ToList();
    }

    /// <summary>The seeds of a spec's plans in the order shards are dealt them: first appearance.</summary>
    public static List<int> Seeds(IReadOnlyList<RunPlan> plans) => plans.Select(p => p.Seed).Distinct().ToList();

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>
    /// "I/N" (1 &lt;= I &lt;= N) or "auto", which takes I and N from a scheduler's environment
    /// (<see cref="AutoVariables"/>); <paramref name="variable"/> reads the environment.
    /// Throws <see cref="FormatException"/> with a message for the user.
    /// </summary>
    public static Shard Parse(string text, Func<string, string?> variable) =>
        text == "auto" ? FromEnvironment(variable) : Fixed(text, "--shard");

    // "I/N" as given by `source` (the flag, or the variable --shard auto read it from).
    static Shard Fixed(string text, string source)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !TryNumber(parts[0], out int index) || !TryNumber(parts[1], out int count) || count < 1)
            throw new FormatException($"{source} must be I/N (e.g. 2/3, shards counted from 1){(source == "--shard" ? " or auto" : "")} (got '{text}')");
        if (index < 1 || index > count)
            throw new FormatException($"{source} {text}: the shard must be 1 to {count}");
        return new Shard(index, count);
    }

    static Shard FromEnvironment(Func<string, string?> variable)
    {
        if (variable("RUNNER_SHARD") is { Length: > 0 } shard)
            return Fixed(shard, "--shard auto: RUNNER_SHARD");

        // A Slurm task's shard is its task id + 1, out of RUNNER_SHARD_COUNT: never from the array's own size or first
        // id, which change when one task is resubmitted (sbatch --array=2 is a 1-task array) and would re-deal the seeds.
        if (variable("SLURM_ARRAY_TASK_ID") is { Length: > 0 } task)
            return FromIndex("SLURM_ARRAY_TASK_ID", task, variable,
                "set it to the number of shards; task ids are 0 to that number - 1, whichever of them an sbatch --array submits");

        // Kubernetes gives the index (from 0) but not the Job's completions: the Job sets RUNNER_SHARD_COUNT to it.
        if (variable("JOB_COMPLETION_INDEX") is { Length: > 0 } completion)
            return FromIndex("JOB_COMPLETION_INDEX", completion, variable, "set it to the Job's completions");

        throw new FormatException($"--shard auto: none of the variables it reads is set: {AutoVariables}");
    }

    // Shard index + 1 of RUNNER_SHARD_COUNT, from a scheduler's index counted from 0.
    static Shard FromIndex(string name, string text, Func<string, string?> variable, string countHint)
    {
        int index = Number(name, text);
        int count = Number("RUNNER_SHARD_COUNT", variable("RUNNER_SHARD_COUNT")
            ?? throw new FormatException($"--shard auto: {name} is set but RUNNER_SHARD_COUNT is not ({countHint})"));
        if (count < 1 || index >= count)
            throw new FormatException($"--shard auto: {name} {index} is not below RUNNER_SHARD_COUNT {count} (shards are indexed from 0)");
        return new Shard(index + 1, count);
    }

    static int Number(string name, string text) =>
        TryNumber(text, out int n) ? n : throw new FormatException($"--shard auto: {name} must be a whole number (got '{text}')");

    static bool TryNumber(string text, out int n) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out n);
}
