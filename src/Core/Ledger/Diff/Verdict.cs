namespace Runner.Core.Ledger.Diff;

/// <summary>What a row of the diff says about B compared with A (higher frontiers and accuracies are better).</summary>
public enum Verdict
{
    Better,
    Worse,
    WithinNoise,
    OnlyInA,
    OnlyInB,
}

public static class VerdictText
{
    /// <summary>The words every output format uses.</summary>
    public static string Text(this Verdict verdict) => verdict switch
    {
        Verdict.Better => "better",
        Verdict.Worse => "worse",
        Verdict.WithinNoise => "within noise",
        Verdict.OnlyInA => "only in A",
        Verdict.OnlyInB => "only in B",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };
}
