using System.Globalization;
using System.Text.RegularExpressions;
using Runner.Core.Tasks;

namespace Runner.Core.Plans;

/// <summary>The stop rules: what can end a run before or at its last round.</summary>
public enum StopRule
{
    /// <summary>The run has not stopped (or this round did not stop it).</summary>
    None,
    /// <summary>self_improve.rounds rounds ran.</summary>
    MaxRound,
    /// <summary>The schedule had no harder difficulty left to label.</summary>
    CurriculumEnd,
    /// <summary>A round labelled self_improve.stop.target.</summary>
    Target,
    /// <summary>The next round's examples would not fit in model.context.</summary>
    Context,
    /// <summary>The avalanche guard tripped; the run ends at the previous round.</summary>
    Avalanche,
    /// <summary>The avalanche guard tripped with action rollback; the run ends two rounds back.</summary>
    AvalancheRollback,
}

/// <summary>
/// Why a run ended: a rule and its details. The ledger's stop_reason column holds
/// <see cref="ToString"/> ("max_round", "target 60", "avalanche: kept 3.1% ...") and
/// <see cref="Parse"/> reads it back: the one place that text is written or read.
/// </summary>
public sealed partial record StopReason(StopRule Rule, string Detail = "", int RollbackTo = -1)
{
    public static readonly StopReason None = new(StopRule.None);
    public static readonly StopReason MaxRound = new(StopRule.MaxRound);
    public static readonly StopReason CurriculumEnd = new(StopRule.CurriculumEnd);

    public static StopReason Target(Difficulty difficulty) => new(StopRule.Target, difficulty.ToString());

    public static StopReason Context(Difficulty difficulty, int tokens, int context) =>
        new(StopRule.Context, string.Create(CultureInfo.InvariantCulture, $"{difficulty} needs {tokens} tokens, model.context is {context}"));

    public static StopReason Avalanche(string why) => new(StopRule.Avalanche, why);

    public static StopReason RolledBack(int toRound, string why) => new(StopRule.AvalancheRollback, why, toRound);

    public bool Stopped => Rule != StopRule.None;

    /// <summary>The avalanche guard ended the run (with or without a rollback).</summary>
    public bool IsAvalanche => Rule is StopRule.Avalanche or StopRule.AvalancheRollback;

    public override string ToString() => Rule switch
    {
        StopRule.None => "",
        StopRule.MaxRound => "max_round",
        StopRule.CurriculumEnd => "curriculum_end",
        StopRule.Target => $"target {Detail}",
        StopRule.Context => $"context: {Detail}",
        StopRule.Avalanche => $"avalanche: {Detail}",
        StopRule.AvalancheRollback => string.Create(CultureInfo.InvariantCulture, $"avalanche_rollback to round {RollbackTo}: {Detail}"),
        _ => throw new ArgumentOutOfRangeException(nameof(Rule), Rule, null),
    };

    /// <summary>Reads a ledger's stop_reason; text no rule writes is kept as an avalanche's details would be, so nothing is lost.</summary>
    public static StopReason Parse(string text)
    {
        if (text.Length == 0) return None;
        if (text == "max_round") return MaxRound;
        if (text == "curriculum_end") return CurriculumEnd;
        if (text.StartsWith("target ", StringComparison.Ordinal)) return new(StopRule.Target, text["target ".Length..]);
        if (text.StartsWith("context: ", StringComparison.Ordinal)) return new(StopRule.Context, text["context: ".Length..]);
        if (text.StartsWith("avalanche: ", StringComparison.Ordinal)) return new(StopRule.Avalanche, text["avalanche: ".Length..]);
        if (Rollback().Match(text) is { Success: true } m)
            return new(StopRule.AvalancheRollback, m.Groups[2].Value, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        throw new FormatException($"not a stop reason: '{text}'");
    }

    [GeneratedRegex("^avalanche_rollback to round ([0-9]+): (.*)$", RegexOptions.Singleline)]
    private static partial Regex Rollback();
}
