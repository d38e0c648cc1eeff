using System.Text.Json;
using System.Text.Json.Serialization;
using Runner.Core.Ledger.Diff;

namespace Runner.Cli.Display;

/// <summary>`runner diff --format json`: both revisions and every row with all its numbers, unrounded.</summary>
public static class DiffJson
{
    static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        // A round whose evaluation had no examples has a NaN accuracy; write it rather than fail.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Render(ResultsDiff diff) => JsonSerializer.Serialize(new
    {
        a = Side(diff.A),
        b = Side(diff.B),
        rows = diff.Rows.Select(r => new
        {
            spec = r.Spec,
            arm = r.Arm,
            round = r.Round,
            metric = r.IsFrontier ? "frontier" : "accuracy",
            difficulty = r.Difficulty is { IsPair: false } one ? (object)one.A : r.Difficulty?.ToString(),
            a = Stats(r, r.A),
            b = Stats(r, r.B),
            delta = r.Delta,
            noise = r.Noise,
            verdict = r.Verdict.Text(),
        }),
    }, Options);

    static object Side(LedgerSnapshot side) => new
    {
        revision = side.Revision,
        sha = side.Sha,
        source = side.Source switch
        {
            SnapshotSource.Committed => "committed",
            SnapshotSource.TaggedInWorkingTree => "tagged_in_working_tree",
            _ => "working_tree",
        },
    };

    // Example counts only mean something for accuracies.
    static object? Stats(DiffRow row, SeedStats? stats) => stats switch
    {
        null => null,
        _ when row.IsFrontier => new { mean = stats.Mean, spread = stats.Spread, seeds = stats.Seeds },
        _ => new { mean = stats.Mean, spread = stats.Spread, seeds = stats.Seeds, examples = stats.Examples, correct = stats.Correct },
    };
}
