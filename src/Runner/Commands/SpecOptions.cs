using System.CommandLine;
using Runner.Core.Plans;
using Runner.Engine.Runs;

namespace Runner.Cli.Commands;

/// <summary>The options that change which spec, or which part of it, a command works on: --set and --shard.</summary>
public static class SpecOptions
{
    public static Option<string[]> Set() => new("--set")
    {
        Description = "Change one spec key for this command, value as YAML (repeatable): --set seeds=[1] --set training.batch=64 " +
            "edits the base, which arms inherit unless they set the key; --set arms.NAME.training.batch=64 edits one arm. Validated as the file is",
        HelpName = "KEY.PATH=VALUE",
        DefaultValueFactory = _ => [],
    };

    public static Option<string?> Shard() => new("--shard")
    {
        Description = "Only this share of the arm x seed runs: I/N (from 1) deals the seeds round-robin, every arm of a seed together; " +
            "auto reads it from RUNNER_SHARD, a Slurm job array or a Kubernetes indexed Job",
        HelpName = "I/N|auto",
    };

    /// <summary>The shard a --shard value names (all runs when null), or null after printing why it names none.</summary>
    public static Shard? ParseShard(string? text, TextWriter errors)
    {
        if (text is null) return Core.Plans.Shard.All;
        try
        {
            return Core.Plans.Shard.Parse(text, Environment.GetEnvironmentVariable);
        }
        catch (FormatException e)
        {
            errors.WriteLine($"runner: error: {e.Message}");
            return null;
        }
    }
}
