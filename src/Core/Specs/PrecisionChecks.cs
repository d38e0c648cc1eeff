namespace Runner.Core.Specs;

/// <summary>
/// The spec's <c>training.precision</c>: what the model's matrix products compute in, for
/// training, labelling and evaluation alike. fp32 (the default) computes everything in fp32 (TF32
/// matmuls on a GPU when <c>tf32</c> is on); bf16 is mixed precision as the paper trained (PyTorch
/// autocast's split, written by hand: TorchSharp 0.107 has no autocast): bf16 matmuls and attention
/// over fp32 master weights, with the residual stream, norms, softmax over the vocabulary and the
/// loss in fp32, and the optimizer's state fp32.
/// </summary>
public static class PrecisionChecks
{
    public const string Fp32 = "fp32", Bf16 = "bf16";
    public static readonly IReadOnlyList<string> Precisions = [Fp32, Bf16];

    /// <summary>The precision keys' errors as (key path, message), for <see cref="SpecValidator"/>.</summary>
    public static IEnumerable<(string Path, string Message)> Errors(Spec spec)
    {
        var precision = spec.Training.Precision;
        if (!Precisions.Contains(precision))
            yield return ("training.precision", precision == ""
                ? $"required (expected one of: {string.Join(", ", Precisions)})"
                : $"unknown value '{precision}' {Suggestions.Hint(precision, Precisions)}");
        else if (precision == Bf16 && spec.Model.Pretrained is not null)
            yield return ("training.precision", "bf16 is implemented for Runner's own model; a pretrained model (model.pretrained) computes in fp32");
    }
}
