namespace Runner.Core.Model;

/// <summary>The shape of the decoder (the paper's model).</summary>
public sealed record TransformerShape(int Layers, int Heads, int DModel, int Ffn, int VocabularySize, int Context)
{
    public int HeadDim => DModel / Heads;

    /// <summary>
    /// Parameters without building the model: per layer attention (4 d^2, no biases), SwiGLU
    /// (3 d ffn) and two RMSNorms; untied input and output embeddings; the final RMSNorm.
    /// </summary>
    public long ParameterCount =>
        Layers * (4L * DModel * DModel + 3L * DModel * Ffn + 2L * DModel) + 2L * VocabularySize * DModel + DModel;

    /// <summary>
    /// Parameters that take part in a matrix product (attention, SwiGLU, the output head): a token's
    /// forward costs about 2 FLOPs for each, a training step's forward and backward 6. The input
    /// embedding is a lookup; norms and attention scores are left out (under 2 % at the paper's shape).
    /// </summary>
    public long MatmulParameterCount => Layers * (4L * DModel * DModel + 3L * DModel * Ffn) + (long)VocabularySize * DModel;
}
