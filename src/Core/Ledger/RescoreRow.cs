using System.Text.Json.Serialization;

namespace Runner.Core.Ledger;

/// <summary>
/// One model's accuracy at one difficulty when a recorded round's checkpoint is evaluated again,
/// without training (`runner eval`): on another window of difficulties or more examples than the
/// run evaluated, as the paper's evaluation scripts (experiments/*_eval.sh) re-score every round.
/// The identity columns are the run's; git_sha is the code that re-scored it.
/// </summary>
public sealed record RescoreRow : ILedgerRow, IRoundRow
{
    public static string TableName => "rescores";

    [JsonPropertyName("schema_version")] public int SchemaVersion { get; set; } = LedgerSchema.Version;
    [JsonPropertyName("run_id")] public string RunId { get; set; } = "";
    [JsonPropertyName("spec_name")] public string SpecName { get; set; } = "";
    [JsonPropertyName("arm")] public string Arm { get; set; } = "";
    [JsonPropertyName("seed")] public int Seed { get; set; }
    [JsonPropertyName("git_sha")] public string GitSha { get; set; } = "";
    [JsonPropertyName("run_key")] public string RunKey { get; set; } = "";

    /// <summary>The evaluation asked for, as `runner eval` resolves it (<see cref="Evaluation.RescoreSettings"/>): rows of one setting compare with each other.</summary>
    [JsonPropertyName("settings")] public string Settings { get; set; } = "";
    [JsonPropertyName("round")] public int Round { get; set; }
    /// <summary>The difficulty, or for a pair (multiplication) its first number.</summary>
    [JsonPropertyName("difficulty")] public int Difficulty { get; set; }
    /// <summary>For a pair difficulty the second number; null for one-number difficulties.</summary>
    [JsonPropertyName("difficulty_b")] public int? DifficultyB { get; set; }
    /// <summary>Which model of a majority-vote run; 0 for a one-model run.</summary>
    [JsonPropertyName("member")] public int Member { get; set; }
    /// <summary>Prompts scored: the examples asked for, or fewer where only fewer are known to be unseen (<see cref="Evaluation.RescorePrompts"/>).</summary>
    [JsonPropertyName("examples")] public int Examples { get; set; }
    [JsonPropertyName("correct")] public int Correct { get; set; }
    [JsonPropertyName("accuracy")] public double Accuracy { get; set; }
    /// <summary>Mean over the prompts of the per-token entropy (nats) of the model's next-token distribution over the answer it wrote, EOS included.</summary>
    [JsonPropertyName("mean_entropy")] public double MeanEntropy { get; set; }
}
