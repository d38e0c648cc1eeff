using System.Text.Json.Serialization;

namespace Runner.Core.Ledger;

/// <summary>One row per self-improvement round of a run (round 0 is the training on the easy set).</summary>
public sealed record RoundRow : ILedgerRow, IRoundRow
{
    public static string TableName => "rounds";

    [JsonPropertyName("schema_version")] public int SchemaVersion { get; set; } = LedgerSchema.Version;
    [JsonPropertyName("run_id")] public string RunId { get; set; } = "";
    [JsonPropertyName("spec_name")] public string SpecName { get; set; } = "";
    [JsonPropertyName("arm")] public string Arm { get; set; } = "";
    [JsonPropertyName("seed")] public int Seed { get; set; }
    [JsonPropertyName("git_sha")] public string GitSha { get; set; } = "";
    [JsonPropertyName("run_key")] public string RunKey { get; set; } = "";

    [JsonPropertyName("round")] public int Round { get; set; }
    /// <summary>Difficulties the model labelled this round, comma separated, e.g. "11", "11,12" or "1x6,6x1".</summary>
    [JsonPropertyName("difficulties")] public string Difficulties { get; set; } = "";
    [JsonPropertyName("labels_generated")] public int LabelsGenerated { get; set; }
    [JsonPropertyName("labels_kept")] public int LabelsKept { get; set; }
    /// <summary>True accuracy of the self-generated labels before filtering; NaN when there are none.</summary>
    [JsonPropertyName("label_accuracy_generated")] public double LabelAccuracyGenerated { get; set; }
    /// <summary>True accuracy of the labels trained on (kept, after any noise); NaN when none survived.</summary>
    [JsonPropertyName("label_accuracy_kept")] public double LabelAccuracyKept { get; set; }
    [JsonPropertyName("steps")] public int Steps { get; set; }
    [JsonPropertyName("final_loss")] public double FinalLoss { get; set; }
    /// <summary>The models' median frontier (see RoundOutcome); the previous round's when this one was not trained.</summary>
    [JsonPropertyName("frontier")] public int Frontier { get; set; }
    [JsonPropertyName("wall_seconds")] public double WallSeconds { get; set; }
    /// <summary>Models trained (the majority filter's voters; 1 otherwise).</summary>
    [JsonPropertyName("models")] public int Models { get; set; }
    /// <summary>Mean votes for the chosen label (1 with one model); NaN when there are no labels.</summary>
    [JsonPropertyName("mean_votes")] public double MeanVotes { get; set; }
    /// <summary>Set on the round that ended the run: max_round, target D, curriculum_end, avalanche: ..., avalanche_rollback to round R: ...</summary>
    [JsonPropertyName("stop_reason")] public string StopReason { get; set; } = "";
}
