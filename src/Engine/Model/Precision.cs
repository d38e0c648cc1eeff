using Runner.Core.Specs;
using static TorchSharp.torch;

namespace Runner.Engine.Model;

/// <summary>The dtype a spec's <c>training.precision</c> computes matrix products in (<see cref="PrecisionChecks"/>).</summary>
public static class Precision
{
    /// <summary>bf16 for "bf16"; null for "fp32": the weights' own dtype.</summary>
    public static ScalarType? MatmulType(string precision) => precision switch
    {
        PrecisionChecks.Fp32 => null,
        PrecisionChecks.Bf16 => ScalarType.BFloat16,
        _ => throw new ArgumentException($"unknown precision '{precision}' (expected one of: {string.Join(", ", PrecisionChecks.Precisions)})"),
    };
}
