using System.Text.Json.Serialization;
using Runner.Core.Model;
using Runner.Engine.Model;
using Runner.Engine.Native;

namespace Runner.Engine.Cost;

/// <summary>
/// What a calibration depends on: the machine (host, CPU, GPU, the device torch runs on, its
/// threads, the library versions and the kernels that compute: <see cref="Native.RunEnvironment.Kernels"/>,
/// numerics and their settings) and the work's shape (model, training batch, decode batch). Two
/// runs with the same key run at the same speed.
/// </summary>
public sealed record CalibrationKey(string Host, string Cpu, string Gpu, string Device, int Threads, string Packages,
    string Kernels, TransformerShape Shape, int Batch, int DecodeBatch)
{
    /// <summary>The key as one line, e.g. for the cache file and for a user to read.</summary>
    public override string ToString() =>
        $"host={Host}; cpu={Cpu}; gpu={Gpu}; device={Device}; threads={Threads}; packages={Packages}; kernels={Kernels}; " +
        $"layers={Shape.Layers}; heads={Shape.Heads}; d_model={Shape.DModel}; ffn={Shape.Ffn}; vocabulary={Shape.VocabularySize}; " +
        $"batch={Batch}; decode_batch={DecodeBatch}";

    /// <summary>The shape in a user's words: "3 layers, d_model 128, batch 64 on cpu (2 threads)".</summary>
    public string Describe() => $"{Shape.Layers} layers, d_model {Shape.DModel}, batch {Batch} on {Device} ({Threads} thread{(Threads == 1 ? "" : "s")})";
}

/// <summary>
/// This machine's measured speed at one shape (<see cref="CalibrationKey"/>): a training step
/// costs <see cref="StepSeconds"/> plus its FLOPs at <see cref="TrainFlopsPerSecond"/>; a decode
/// batch costs <see cref="DecodeTokenSeconds"/> per token it writes plus its FLOPs at
/// <see cref="DecodeFlopsPerSecond"/>. Fitted on two sizes each, so one calibration serves every
/// sequence length and row count of the shape.
/// </summary>
public sealed record Calibration
{
    [JsonPropertyName("key")] public string Key { get; init; } = "";
    [JsonPropertyName("measured_utc")] public DateTime MeasuredUtc { get; init; }
    /// <summary>How long measuring took: what a user pays again for a new shape.</summary>
    [JsonPropertyName("measured_seconds")] public double MeasuredSeconds { get; init; }
    [JsonPropertyName("step_seconds")] public double StepSeconds { get; init; }
    [JsonPropertyName("train_flops_per_second")] public double TrainFlopsPerSecond { get; init; }
    [JsonPropertyName("decode_token_seconds")] public double DecodeTokenSeconds { get; init; }
    [JsonPropertyName("decode_flops_per_second")] public double DecodeFlopsPerSecond { get; init; }

    public double TrainingStepSeconds(TransformerShape shape, int rows, int width) =>
        StepSeconds + Flops.TrainingStep(shape, rows, width) / TrainFlopsPerSecond;

    public double DecodeSeconds(TransformerShape shape, int rows, int promptTokens, int newTokens) =>
        newTokens * DecodeTokenSeconds + Flops.Decode(shape, rows, promptTokens, newTokens) / DecodeFlopsPerSecond;

    /// <summary>
    /// The fixed cost and the cost per unit of a line through two measurements (x = FLOPs, t =
    /// seconds). Noise can tilt it: a negative slope counts everything as proportional, a
    /// negative intercept nothing as fixed.
    /// </summary>
    public static (double Fixed, double PerUnit) Fit(double x1, double t1, double x2, double t2)
    {
        double perUnit = (t2 - t1) / (x2 - x1);
        if (perUnit <= 0) return (0, Math.Max(t1, t2) / Math.Max(x1, x2));
        double fixedCost = t1 - perUnit * x1;
        return fixedCost >= 0 ? (fixedCost, perUnit) : (0, t2 / x2);
    }
}
