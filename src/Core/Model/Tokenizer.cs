namespace Runner.Core.Model;

/// <summary>
/// One character a token, plus PAD, BOS and EOS (METHOD.md section 2). A sequence is
/// BOS + prompt, then answer + EOS.
/// </summary>
public sealed class Tokenizer
{
    public const int Pad = 0, Bos = 1, Eos = 2;
    const int FirstCharacter = 3;
    readonly string alphabet;
    readonly Dictionary<char, int> ids;

    public Tokenizer(string alphabet)
    {
        this.alphabet = alphabet;
        ids = alphabet.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i + FirstCharacter);
    }

    public int VocabularySize => alphabet.Length + FirstCharacter;

    /// <summary>BOS followed by the prompt's characters.</summary>
    public int[] EncodePrompt(string prompt) => [Bos, .. Encode(prompt)];

    /// <summary>The answer's characters followed by EOS.</summary>
    public int[] EncodeAnswer(string answer) => [.. Encode(answer), Eos];

    public IEnumerable<int> Encode(string text) => text.Select(c =>
        ids.TryGetValue(c, out var id) ? id : throw new ArgumentException($"character '{c}' is not in the alphabet '{alphabet}'"));

    /// <summary>Characters of tokens up to (not including) the first EOS; specials other than EOS decode as nothing.</summary>
    public string Decode(IEnumerable<int> tokens)
    {
        var chars = new List<char>();
        foreach (var t in tokens)
        {
            if (t == Eos) break;
            if (t >= FirstCharacter && t < VocabularySize) chars.Add(alphabet[t - FirstCharacter]);
        }
        return new string(chars.ToArray());
    }
}
