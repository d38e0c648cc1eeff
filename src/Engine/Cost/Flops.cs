using Runner.Core.Model;
using Runner.Engine.Model;

namespace Runner.Engine.Cost;

/// <summary>
/// Floating-point operations of the transformer's matrix products (a multiply-add counts 2),
/// which is where its time goes: per position, every weight of the attention and MLP blocks and
/// of the output head once, plus attention's scores and weighted values over the keys it sees.
/// Norms, softmax and the embedding lookup are left out (a few percent at these shapes).
/// </summary>
public static class Flops
{
    /// <summary>Weights that take part in a matrix product at every position: each layer's 4 d^2 + 3 d ffn, and the head's vocabulary x d.</summary>
    public static long MatmulParameters(TransformerShape shape) =>
        shape.Layers * (4L * shape.DModel * shape.DModel + 3L * shape.DModel * shape.Ffn) + (long)shape.VocabularySize * shape.DModel;

    /// <summary>A forward pass over <paramref name="positions"/> positions, each attending over <paramref name="keys"/> keys (QK^T and AV: 2 x 2 x keys x d a layer).</summary>
    public static double Forward(TransformerShape shape, double positions, double keys) =>
        positions * (2.0 * MatmulParameters(shape) + 4.0 * shape.Layers * shape.DModel * keys);

    /// <summary>One training step on rows x width positions: the forward and a backward of twice its work. Attention is computed over the whole row, masked or not.</summary>
    public static double TrainingStep(TransformerShape shape, int rows, int width) => 3 * Forward(shape, (double)rows * width, width);

    /// <summary>
    /// Greedy decoding of <paramref name="rows"/> prompts of <paramref name="promptTokens"/> tokens
    /// for <paramref name="newTokens"/> tokens with the KV cache: the prompt at once, then one
    /// position a row per token, attending over the prompt and what was written so far.
    /// </summary>
    public static double Decode(TransformerShape shape, int rows, int promptTokens, int newTokens) =>
        Forward(shape, (double)rows * promptTokens, promptTokens) + Forward(shape, (double)rows * newTokens, promptTokens + newTokens / 2.0);
}
