using System.Text.Json.Serialization;

namespace Runner.Core.Ledger;

/// <summary>One self-generated label: what the model answered, the truth, and whether the filter kept it.</summary>
public sealed record LabelRow : ILedgerRow, IRoundRow
{
    public static string TableName => "labels";

    [JsonPropertyName("schema_version")] public int SchemaVersion { get; set; } = LedgerSchema.Version;
    [JsonPropertyName("run_id")] public string RunId { get; set; } = "";
    [JsonPropertyName("spec_name")] public string SpecName { get; set; } = "";
    [JsonPropertyName("arm")] public string Arm { get; set; } = "";
    [JsonPropertyName("seed")] public int Seed { get; set; }
    [JsonPropertyName("git_sha")] public string GitSha { get; set; } = "";
    [JsonPropertyName("run_key")] public string RunKey { get; set; } = "";

    [JsonPropertyName("round")] public int Round { get; set; }
    [JsonPropertyName("difficulty")] public int Difficulty { get; set; }
    /// <summary>For a pair difficulty (multiplication) the second number, digits of b; null for one-number difficulties.</summary>
    [JsonPropertyName("difficulty_b")] public int? DifficultyB { get; set; }
    [JsonPropertyName("prompt")] public string Prompt { get; set; } = "";
    [JsonPropertyName("model_label")] public string ModelLabel { get; set; } = "";
    /// <summary>Whether the model wrote EOS before the length cap; a label that did not is never kept.</summary>
    [JsonPropertyName("ended")] public bool Ended { get; set; }
    [JsonPropertyName("true_label")] public string TrueLabel { get; set; } = "";
    [JsonPropertyName("correct")] public bool Correct { get; set; }
    [JsonPropertyName("kept")] public bool Kept { get; set; }
    /// <summary>How many of the models wrote this label (1 for a one-model run).</summary>
    [JsonPropertyName("votes")] public int Votes { get; set; }
    [JsonPropertyName("voters")] public int Voters { get; set; }
    /// <summary>Another output had as many votes: no majority, never kept by the majority filter.</summary>
    [JsonPropertyName("tied")] public bool Tied { get; set; }
    /// <summary>Noise injection replaced the label the model trains on (trained_label) by a corrupted one.</summary>
    [JsonPropertyName("corrupted")] public bool Corrupted { get; set; }
    /// <summary>What the model trains on when kept: model_label, or its corruption.</summary>
    [JsonPropertyName("trained_label")] public string TrainedLabel { get; set; } = "";
    /// <summary>The probability the models give model_label (their mean), read teacher-forced: their confidence, with no ground truth.</summary>
    [JsonPropertyName("confidence")] [SinceSchema(3)] public double Confidence { get; set; } = double.NaN;
}
