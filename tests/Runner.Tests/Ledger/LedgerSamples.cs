using Runner.Core.Ledger;

namespace Runner.Tests.Ledger;

/// <summary>Rows of every table with values that exercise each column type (NaN, microsecond timestamps, unicode).</summary>
static class LedgerSamples
{
    public const string Sha = "0123456789abcdef0123456789abcdef01234567";
    public static readonly DateTime Started = new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1230); // +123 µs

    public static RunRow Run(string spec, string runId) => new()
    {
        RunId = runId, SpecName = spec, Arm = "main", Seed = 41, GitSha = Sha,
        SpecHash = "sha256:abc", SpecYaml = "name: " + spec + "\nseeds: [41]\n", GitBranch = "main", GitDirty = true,
        Packages = "TorchSharp=0.107.0; libtorch=2.10.0; .NET=10.0.1", Host = "box", Os = "Linux", Device = "cpu",
        Threads = 2, StartedUtc = Started, EndedUtc = Started.AddMinutes(90), Status = "completed",
        RoundsCompleted = 3, FinalFrontier = 13, FinalRound = 2, StopReason = "max_round", Filters = "length(expected)", Schedule = "uniform", Models = 1,
    };

    public static RoundRow Round(string spec, string runId, int round) => new()
    {
        RunId = runId, SpecName = spec, Arm = "main", Seed = 41, GitSha = Sha,
        Round = round, Difficulties = round == 0 ? "" : $"{10 + round},{11 + round}",
        LabelsGenerated = round == 0 ? 0 : 1000, LabelsKept = round == 0 ? 0 : 900,
        LabelAccuracyGenerated = round == 0 ? double.NaN : 0.95, LabelAccuracyKept = round == 0 ? double.NaN : 0.99,
        Steps = 1000 * (round + 1), FinalLoss = 0.01 / (round + 1), Frontier = 10 + round, WallSeconds = 12.5,
    };

    public static EvaluationRow Evaluation(string spec, string runId, int round, int difficulty) => new()
    {
        RunId = runId, SpecName = spec, Arm = "main", Seed = 41, GitSha = Sha,
        Round = round, Difficulty = difficulty, Examples = 200, Correct = 199, Accuracy = 0.995,
    };

    public static LabelRow Label(string spec, string runId, int round, int i) => new()
    {
        RunId = runId, SpecName = spec, Arm = "main", Seed = 41, GitSha = Sha,
        Round = round, Difficulty = 11, Prompt = $"{i}+{i}=", ModelLabel = (2 * i + i % 2).ToString(),
        TrueLabel = (2 * i).ToString(), Correct = i % 2 == 0, Kept = i % 3 != 0,
    };
}
