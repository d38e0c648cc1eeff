using System.Text.Json.Serialization;

namespace Runner.Core.Ledger;

/// <summary>
/// Every number a round produced, in long form: one row per (round, difficulty or none, metric).
/// A new metric is a new value of `metric`, never a new column, so old and new ledgers share one
/// schema. `rounds` and `evaluations` hold the core numbers typed and wide for convenience.
/// </summary>
public sealed record MetricRow : ILedgerRow, IRoundRow
{
    public static string TableName => "metrics";

    [JsonPropertyName("schema_version")] public int SchemaVersion { get; set; } = LedgerSchema.Version;
    [JsonPropertyName("run_id")] public string RunId { get; set; } = "";
    [JsonPropertyName("spec_name")] public string SpecName { get; set; } = "";
    [JsonPropertyName("arm")] public string Arm { get; set; } = "";
    [JsonPropertyName("seed")] public int Seed { get; set; }
    [JsonPropertyName("git_sha")] public string GitSha { get; set; } = "";
    [JsonPropertyName("run_key")] public string RunKey { get; set; } = "";

    [JsonPropertyName("round")] public int Round { get; set; }
    /// <summary>The difficulty the metric is about, or null for the whole round.</summary>
    [JsonPropertyName("difficulty")] public int? Difficulty { get; set; }
    /// <summary>For a pair difficulty (multiplication) the second number, digits of b; null for one-number difficulties.</summary>
    [JsonPropertyName("difficulty_b")] public int? DifficultyB { get; set; }
    /// <summary>The model of a majority-vote run the metric is about, or null for the run.</summary>
    [JsonPropertyName("member")] public int? Member { get; set; }
    /// <summary>snake_case name, e.g. accuracy, labels_kept, final_loss.</summary>
    [JsonPropertyName("metric")] public string Metric { get; set; } = "";
    [JsonPropertyName("value")] public double Value { get; set; }
}
