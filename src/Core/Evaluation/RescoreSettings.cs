using System.Globalization;
using Runner.Core.Specs;

namespace Runner.Core.Evaluation;

/// <summary>
/// What `runner eval` changes in a run's eval section: more examples, or another window of
/// difficulties (a fixed from..to, or one that slides with training: below and above the end,
/// as the paper's evaluation scripts' dynamic_eval_range -8 51 4 is below 8, above 51, step 4).
/// A null leaves the run's own value. Setting from drops the run's below, and above its to.
/// </summary>
public sealed record RescoreSettings(int? Examples = null, int? From = null, int? To = null, int? Below = null, int? Above = null, int? Step = null)
{
    public EvalSpec ApplyTo(EvalSpec eval) => eval with
    {
        Examples = Examples ?? eval.Examples,
        From = From ?? eval.From,
        Below = Below ?? (From is null ? eval.Below : null),
        To = To ?? (Above is null ? eval.To : null),
        Above = Above ?? eval.Above,
        Step = Step ?? eval.Step,
    };

    /// <summary>The evaluation an eval section asks for, in one line: the rescores table's settings column.</summary>
    public static string Describe(EvalSpec eval) => string.Join(" ",
        $"examples={eval.Examples}",
        $"from={Number(eval.From, "d0")}",
        $"below={Number(eval.Below, "none")}",
        eval.To is int to ? $"to={to.ToString(CultureInfo.InvariantCulture)}" : $"above={eval.Above.ToString(CultureInfo.InvariantCulture)}",
        $"step={eval.Step.ToString(CultureInfo.InvariantCulture)}");

    static string Number(int? value, string absent) => value?.ToString(CultureInfo.InvariantCulture) ?? absent;
}
