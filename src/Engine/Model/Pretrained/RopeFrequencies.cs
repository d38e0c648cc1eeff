namespace Runner.Engine.Model.Pretrained;

/// <summary>
/// RoPE's inverse frequencies for a Llama config: 1 / theta^(2i / head_dim) for i below head_dim / 2,
/// then the config's rope_scaling, following transformers' modeling_rope_utils.py
/// (_compute_default_rope_parameters, _compute_linear_scaling_rope_parameters, _compute_llama3_parameters).
/// Computed in double and rounded once; HF's float32 arithmetic differs by an ulp or so.
/// </summary>
public static class RopeFrequencies
{
    public static float[] Of(LlamaConfig config)
    {
        int half = config.HeadDim / 2;
        var inverse = new double[half];
        for (int i = 0; i < half; i++) inverse[i] = 1.0 / Math.Pow(config.RopeTheta, 2.0 * i / config.HeadDim);
        if (config.RopeScaling is { } s)
        {
            if (s.Type == "linear")
                for (int i = 0; i < half; i++) inverse[i] /= s.Factor;
            else
            {
                double lowWavelength = s.OriginalContext / s.LowFrequencyFactor;
                double highWavelength = s.OriginalContext / s.HighFrequencyFactor;
                for (int i = 0; i < half; i++)
                {
                    double wavelength = 2 * Math.PI / inverse[i];
                    if (wavelength > lowWavelength) inverse[i] /= s.Factor;
                    else if (wavelength >= highWavelength)
                    {
                        // Between the two: blend the scaled and unscaled frequency.
                        double smooth = (s.OriginalContext / wavelength - s.LowFrequencyFactor) / (s.HighFrequencyFactor - s.LowFrequencyFactor);
                        inverse[i] = (1 - smooth) * inverse[i] / s.Factor + smooth * inverse[i];
                    }
                }
            }
        }
        return inverse.Select(f => (float)f).ToArray();
    }
}
