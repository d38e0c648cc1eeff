using Runner.Core.Model;
using Runner.Engine.Cost;
using Runner.Engine.Model;
using TorchSharp;

namespace Runner.Engine.Labelling;

/// <summary>
/// How much greedy decoding does at once on a device: prompt tokens a prefill pass, and the
/// fewest rows a decode batch takes. On the CPU, what was measured on 2 cores: passes of about a
/// thousand tokens, rows as the spec's decode_batch says (results there stay exactly those of any
/// CPU). On a GPU a decode step costs a fixed time (a kernel launch per operation, whatever the
/// rows) plus its FLOPs, so a batch needs enough rows to hide the fixed part: the calibration of
/// the shape (`runner plan --calibrate`) measures both, and the rows follow from them. Rows never
/// see each other, so outputs do not depend on either number; the key and value cache and the
/// prefill's activations are held under a memory budget.
/// </summary>
public sealed record DecodeSizing(int PrefillTokens, int MinRows)
{
    /// <summary>Passes of 1,024 tokens: measured on 2 cores, 256 prompts of 64-digit sums prefill in about 0.6 of the time of one pass.</summary>
    public static readonly DecodeSizing Cpu = new(1024, 0);

    /// <summary>Bytes a GPU decode may hold for its key and value cache, and for a prefill pass's activations: small beside any training GPU's memory.</summary>
    public const long GpuBudgetBytes = 4L << 30;

    /// <summary>A step's fixed cost may be at most this share of its compute.</summary>
    public const double FixedShare = 0.1;

    /// <summary>
    /// The sizing for a device: the CPU's (<see cref="Cpu"/>); on a GPU, prefill passes as large as
    /// the budget allows, and with a calibration the rows at which a step's fixed cost is at most
    /// <see cref="FixedShare"/> of its FLOPs' time (without one, the spec's rows).
    /// </summary>
    public static DecodeSizing For(DeviceType device, TransformerShape shape, Calibration? calibration)
    {
        if (device != DeviceType.CUDA) return Cpu;
        // A prefill pass's largest live activations a token: the residual, q/k/v and the MLP's gate and up, in fp32.
        long activationBytes = 4L * (4L * shape.DModel + 2L * shape.Ffn);
        int prefill = (int)Math.Min(int.MaxValue, GpuBudgetBytes / activationBytes);
        if (calibration is null) return new DecodeSizing(prefill, 0);
        // Per written token: fixed seconds for the batch, and 2 x matmul parameters of FLOPs a row.
        double rowSeconds = 2.0 * Flops.MatmulParameters(shape) / calibration.DecodeFlopsPerSecond;
        double rows = calibration.DecodeTokenSeconds * (1 - FixedShare) / FixedShare / rowSeconds;
        return new DecodeSizing(prefill, (int)Math.Min(1 << 20, Math.Ceiling(rows)));
    }

    /// <summary>
    /// Rows a decode batch takes: the spec's, or more when the device wants more (<see cref="MinRows"/>),
    /// as long as their cache of <paramref name="cacheBytesPerRow"/> a row fits the budget; never fewer than the spec's.
    /// </summary>
    public int Rows(int specRows, long cacheBytesPerRow)
    {
        if (MinRows <= specRows) return specRows;
        long fit = GpuBudgetBytes / Math.Max(1, cacheBytesPerRow);
        return (int)Math.Max(specRows, Math.Min(MinRows, fit));
    }
}
