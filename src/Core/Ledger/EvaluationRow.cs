using System.Text.Json.Serialization;

namespace Runner.Core.Ledger;

/// <summary>Accuracy at one difficulty after one round.</summary>
public sealed record EvaluationRow : ILedgerRow, IRoundRow
{
    public static string TableName => "evaluations";

    [JsonPropertyName("schema_version")] public int SchemaVersion { get; set; } = 1;
    [JsonPropertyName("run_id")] public string RunId { get; set; } = "";
    [JsonPropertyName("spec_name")] public string SpecName { get; set; } = "";
    [JsonPropertyName("arm")] public string Arm { get; set; } = "";
    [JsonPropertyName("seed")] public int Seed { get; set; }
    [JsonPropertyName("git_sha")] public string GitSha { get; set; } = "";
    [JsonPropertyName("run_key")] public string RunKey { get; set; } = "";

    [JsonPropertyName("round")] public int Round { get; set; }
    [JsonPropertyName("difficulty")] public int Difficulty { get; set; }
    [JsonPropertyName("examples")] public int Examples { get; set; }
    [JsonPropertyName("correct")] public int Correct { get; set; }
    [JsonPropertyName("accuracy")] public double Accuracy { get; set; }
}
