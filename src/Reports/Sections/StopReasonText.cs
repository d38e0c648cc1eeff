using Runner.Core.Plans;

namespace Runner.Reports.Sections;

/// <summary>A stop reason as a reader reads it, the ledger's text kept in parentheses so it can still be searched for.</summary>
public static class StopReasonText
{
    public static string Of(StopReason reason) => reason.Rule switch
    {
        StopRule.None => "",
        StopRule.MaxRound => $"ran every round ({reason})",
        StopRule.CurriculumEnd => $"no harder difficulty left to label ({reason})",
        StopRule.Target => $"reached its target {reason.Detail} ({reason})",
        _ => reason.ToString(),
    };
}
