using System.Text.Json.Serialization;

namespace Runner.Core.Ledger;

/// <summary>
/// The training curve: the training loss averaged over each block of a few optimiser steps of a
/// round (and over a vote's models), what one looks at first when a run goes wrong. Ledgers
/// written before this table simply lack it.
/// </summary>
public sealed record StepRow : ILedgerRow, IRoundRow
{
    public static string TableName => "steps";

    [JsonPropertyName("schema_version")] public int SchemaVersion { get; set; } = LedgerSchema.Version;
    [JsonPropertyName("run_id")] public string RunId { get; set; } = "";
    [JsonPropertyName("spec_name")] public string SpecName { get; set; } = "";
    [JsonPropertyName("arm")] public string Arm { get; set; } = "";
    [JsonPropertyName("seed")] public int Seed { get; set; }
    [JsonPropertyName("git_sha")] public string GitSha { get; set; } = "";
    [JsonPropertyName("run_key")] public string RunKey { get; set; } = "";

    [JsonPropertyName("round")] public int Round { get; set; }
    /// <summary>The round's steps done at the end of the block (1 to the round's steps).</summary>
    [JsonPropertyName("step")] public int Step { get; set; }
    /// <summary>How many steps the block's mean is over (the last block of a round may be shorter).</summary>
    [JsonPropertyName("steps_in_mean")] public int StepsInMean { get; set; }
    /// <summary>Mean training loss (cross-entropy on answer tokens, mean over a vote's models) over the block.</summary>
    [JsonPropertyName("loss")] public double Loss { get; set; }
    /// <summary>The learning rate of the block's last step.</summary>
    [JsonPropertyName("learning_rate")] public double LearningRate { get; set; }
}
