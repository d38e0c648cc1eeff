using Runner.Core.Model;
using Runner.Core.Tasks;
using static TorchSharp.torch;

namespace Runner.Engine.Training;

/// <summary>
/// A training batch (METHOD.md section 2): each row is BOS + prompt + answer + EOS shifted by
/// one, right-padded. Targets are <see cref="Ignore"/> on prompt and padding positions, so the
/// loss covers the answer and the final EOS only.
/// </summary>
public static class Batch
{
    public const long Ignore = -100;

    public static (Tensor Inputs, Tensor Targets) Build(IReadOnlyList<Example> examples, Tokenizer tokenizer, Device device)
    {
        var sequences = examples.Select(e => (Prompt: tokenizer.EncodePrompt(e.Prompt), Answer: tokenizer.EncodeAnswer(e.Answer))).ToList();
        int width = sequences.Max(s => s.Prompt.Length + s.Answer.Length) - 1;
        var inputs = new long[examples.Count * width];
        var targets = new long[examples.Count * width];
        Array.Fill(targets, Ignore);
        for (int row = 0; row < sequences.Count; row++)
        {
            var (prompt, answer) = sequences[row];
            int[] full = [.. prompt, .. answer];
            int offset = row * width;
            for (int i = 0; i < width; i++)
                inputs[offset + i] = i < full.Length - 1 ? full[i] : Tokenizer.Pad;
            // Position i predicts token i+1; the first answer token is predicted at the prompt's last position.
            for (int i = prompt.Length - 1; i < full.Length - 1; i++)
                targets[offset + i] = full[i + 1];
        }
        return (tensor(inputs, [examples.Count, width], device: device), tensor(targets, [examples.Count, width], device: device));
    }
}
