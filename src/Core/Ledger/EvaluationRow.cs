using System.Text.Json.Serialization;

namespace Runner.Core.Ledger;

/// <summary>One model's accuracy at one difficulty after one round.</summary>
public sealed record EvaluationRow : ILedgerRow, IRoundRow
{
    public static string TableName => "evaluations";

    [JsonPropertyName("schema_version")] public int SchemaVersion { get; set; } = LedgerSchema.Version;
    [JsonPropertyName("run_id")] public string RunId { get; set; } = "";
    [JsonPropertyName("spec_name")] public string SpecName { get; set; } = "";
    [JsonPropertyName("arm")] public string Arm { get; set; } = "";
    [JsonPropertyName("seed")] public int Seed { get; set; }
    [JsonPropertyName("git_sha")] public string GitSha { get; set; } = "";
    [JsonPropertyName("run_key")] public string RunKey { get; set; } = "";

    [JsonPropertyName("round")] public int Round { get; set; }
    /// <summary>The difficulty, or for a pair (multiplication) its first number, digits of a.</summary>
    [JsonPropertyName("difficulty")] public int Difficulty { get; set; }
    /// <summary>For a pair difficulty (multiplication) the second number, digits of b; null for one-number difficulties.</summary>
    [JsonPropertyName("difficulty_b")] public int? DifficultyB { get; set; }
    /// <summary>Which model of a majority-vote run (0..models-1); 0 for a one-model run.</summary>
    [JsonPropertyName("member")] public int Member { get; set; }
    [JsonPropertyName("examples")] public int Examples { get; set; }
    [JsonPropertyName("correct")] public int Correct { get; set; }
    [JsonPropertyName("accuracy")] public double Accuracy { get; set; }
}
