using Runner.Core.Model;
using Runner.Core.Tasks;

namespace Runner.Core.Training;

/// <summary>
/// An example as token sequences, the way the official code holds a training example
/// (JackCai1206/arithmetic-self-improve, lib/data_utils.py `convert_to_train`): <see cref="Inputs"/>
/// the tokens the model reads, <see cref="Targets"/> the token each position is trained to be
/// (<see cref="Ignore"/> where there is no loss), aligned with the inputs; position i is predicted
/// from inputs 0..i-1. Normally both are BOS + prompt + answer + EOS, prompt targets ignored; the
/// official noise corrupts them apart, so they can disagree, hold PAD, or lose EOS.
/// </summary>
public sealed record TrainingSequence(IReadOnlyList<int> Inputs, IReadOnlyList<long> Targets)
{
    public const long Ignore = -100;

    /// <summary>How the ledger's trained_label writes a sequence: this prefix, then inputs and targets as token texts.</summary>
    public const string Prefix = "tokens: ";
    const string Between = " => ";
    const string Ignored = "<ign>";

    /// <summary>BOS + prompt + answer + EOS, the loss on the answer and EOS only.</summary>
    public static TrainingSequence Of(Example example, Tokenizer tokenizer)
    {
        int[] prompt = tokenizer.EncodePrompt(example.Prompt), answer = tokenizer.EncodeAnswer(example.Answer);
        return new([.. prompt, .. answer], [.. prompt.Select(_ => Ignore), .. answer.Select(t => (long)t)]);
    }

    /// <summary>Token texts separated by spaces, "&lt;ign&gt;" for no loss: "tokens: &lt;bos&gt; 1 + 2 = 3 &lt;eos&gt; => &lt;ign&gt; ... 3 &lt;pad&gt;".</summary>
    public string Render(Tokenizer tokenizer) =>
        Prefix + string.Join(" ", Inputs.Select(tokenizer.TokenText)) + Between
        + string.Join(" ", Targets.Select(t => t == Ignore ? Ignored : tokenizer.TokenText((int)t)));

    public static bool IsRendered(string text) => text.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Reads <see cref="Render"/>'s text back (a run resumed from the ledger trains on the same tokens).</summary>
    public static TrainingSequence Parse(string text, Tokenizer tokenizer)
    {
        if (!IsRendered(text)) throw new FormatException($"not a rendered token sequence: '{text}'");
        var parts = text[Prefix.Length..].Split(Between);
        if (parts.Length != 2) throw new FormatException($"a rendered token sequence has inputs '{Between.Trim()}' targets: '{text}'");
        return new(parts[0].Split(' ').Select(tokenizer.Id).ToList(),
            parts[1].Split(' ').Select(t => t == Ignored ? Ignore : tokenizer.Id(t)).ToList());
    }
}
