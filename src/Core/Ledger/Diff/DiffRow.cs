using Runner.Core.Tasks;

namespace Runner.Core.Ledger.Diff;

/// <summary>
/// One compared quantity of a (spec, arm, round): its frontier (<see cref="Difficulty"/> null) or its accuracy at
/// one difficulty. <see cref="A"/> or <see cref="B"/> is null when only the other side has it; then
/// <see cref="Delta"/> (B - A) and <see cref="Noise"/> are null too.
/// </summary>
public sealed record DiffRow(
    string Spec,
    string Arm,
    int Round,
    Difficulty? Difficulty,
    SeedStats? A,
    SeedStats? B,
    double? Delta,
    double? Noise,
    Verdict Verdict)
{
    public bool IsFrontier => Difficulty is null;

    /// <summary>
    /// A regression for --fail-on-regression: worse beyond noise and, for an accuracy, by more than
    /// <paramref name="threshold"/> (absolute); for the frontier, by a whole difficulty or more.
    /// </summary>
    public bool IsRegressionBeyond(double threshold) =>
        Verdict == Verdict.Worse && (IsFrontier ? Delta <= -1 : -Delta > threshold);
}
