namespace Runner.Engine.Model.Pretrained;

/// <summary>
/// LoRA (Hu et al. 2021) as PEFT applies it: each adapted projection computes
/// W x + (alpha / rank) B A dropout(x), A [rank, in] drawn like a linear layer's weight, B [out, rank]
/// zero, so an adapter starts as the identity. The paper adapts q, k, v, o, gate, up and down
/// (the official code's default target_modules, preamble.py).
/// </summary>
public sealed record LoraSettings(int Rank, double Alpha, double Dropout)
{
    public double Scale => Alpha / Rank;

    /// <summary>Adapter parameters for one projection of <paramref name="inFeatures"/> to <paramref name="outFeatures"/>.</summary>
    public long ParametersOf(long inFeatures, long outFeatures) => Rank * (inFeatures + outFeatures);
}
