using Runner.Core.Model;

namespace Runner.Core.Labelling;

/// <summary>
/// What the model wrote after a prompt: the text before EOS, and whether it ended: EOS came
/// before the length cap, and the tokens before it are exactly the tokens of the text. Exact
/// match is over tokens (the paper's evaluation), so an answer holding PAD or BOS, or maze labels
/// 1 then 2 where the text reads as label 12, has not ended as an answer of the task.
/// </summary>
public readonly record struct Decoded(string Text, bool Ended)
{
    /// <summary>Reads a row of written tokens (EOS included when the model wrote it).</summary>
    public static Decoded Read(Tokenizer tokenizer, IReadOnlyList<int> written)
    {
        int eos = Enumerable.Range(0, written.Count).FirstOrDefault(i => written[i] == Tokenizer.Eos, -1);
        var answer = eos < 0 ? written : written.Take(eos).ToList();
        var text = tokenizer.Decode(answer);
        return new Decoded(text, eos >= 0 && tokenizer.Encode(text).SequenceEqual(answer));
    }
}
