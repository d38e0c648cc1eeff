namespace Runner.Core.Training;

/// <summary>
/// Warmup-stable-decay learning rate for one training phase (the paper's training): linear
/// warmup to the peak, flat, then cosine decay to a fraction of the peak, held there for
/// <see cref="Floor"/> more steps. Each round is a new phase, so the rate jumps back to its
/// peak and decays again.
/// </summary>
public sealed record WsdSchedule(int Warmup, int Stable, int Decay, double PeakLr, double FinalFraction, int Floor = 0)
{
    public int Steps => Warmup + Stable + Decay + Floor;

    /// <summary>The rate for step 0..Steps-1 of this phase.</summary>
    public double LearningRate(int step)
    {
        if (step < Warmup) return PeakLr * (step + 1) / Warmup;
        if (step < Warmup + Stable) return PeakLr;
        double progress = (double)(step - Warmup - Stable + 1) / Decay;
        double final = PeakLr * FinalFraction;
        return final + (PeakLr - final) * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(progress, 1)));
    }
}
