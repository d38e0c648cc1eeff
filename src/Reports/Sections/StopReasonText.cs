namespace Runner.Reports.Sections;

/// <summary>A ledger's stop reason as a reader reads it, its key kept in parentheses so it can still be searched for.</summary>
public static class StopReasonText
{
    public static string Of(string reason) => reason switch
    {
        "" => "",
        "max_round" => "ran every round (max_round)",
        "curriculum_end" => "no harder difficulty left to label (curriculum_end)",
        _ when reason.StartsWith("target ", StringComparison.Ordinal) => $"reached its target {reason["target ".Length..]} ({reason})",
        _ => reason,
    };
}
