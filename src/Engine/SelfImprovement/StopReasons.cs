using System.Globalization;

namespace Runner.Engine.SelfImprovement;

/// <summary>Why a run ended, as the ledger's stop_reason says it: a short word first, details after.</summary>
public static class StopReasons
{
    public const string MaxRound = "max_round";
    public const string CurriculumEnd = "curriculum_end";

    public static string Target(string difficulty) => $"target {difficulty}";

    /// <summary>The next round's difficulty makes sequences longer than model.context.</summary>
    public static string Context(string difficulty, int tokens, int context) =>
        string.Create(CultureInfo.InvariantCulture, $"context: {difficulty} needs {tokens} tokens, model.context is {context}");

    public static string Avalanche(string why) => $"avalanche: {why}";

    public static string RolledBack(int toRound, string why) =>
        string.Create(CultureInfo.InvariantCulture, $"avalanche_rollback to round {toRound}: {why}");

    public static bool IsRollback(string reason) => reason.StartsWith("avalanche_rollback", StringComparison.Ordinal);
}
