namespace Runner.Core.Model;

/// <summary>
/// The task's tokens plus PAD, BOS and EOS (METHOD.md section 2). A sequence is BOS + prompt,
/// then answer + EOS. Digit tasks use one character a token; mazes add one token for each
/// label 10..99, so text is split greedily, longest token first ("52" before "5").
/// Ids: PAD 0, BOS 1, EOS 2, then the task's tokens in the order given.
/// </summary>
public sealed class Tokenizer
{
    public const int Pad = 0, Bos = 1, Eos = 2;
    const int FirstToken = 3;
    readonly IReadOnlyList<string> tokens;
    readonly Dictionary<string, int> ids;
    readonly int longestToken;

    public Tokenizer(IReadOnlyList<string> tokens)
    {
        if (tokens.Any(string.IsNullOrEmpty)) throw new ArgumentException("a token must not be empty");
        this.tokens = tokens;
        ids = tokens.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i + FirstToken);
        longestToken = tokens.Max(t => t.Length);
    }

    /// <summary>One character a token.</summary>
    public Tokenizer(string characters) : this(characters.Select(c => c.ToString()).ToList()) { }

    public int VocabularySize => tokens.Count + FirstToken;

    /// <summary>BOS followed by the prompt's tokens.</summary>
    public int[] EncodePrompt(string prompt) => [Bos, .. Encode(prompt)];

    /// <summary>The answer's tokens followed by EOS.</summary>
    public int[] EncodeAnswer(string answer) => [.. Encode(answer), Eos];

    /// <summary>Splits greedily: at each position the longest token that matches there.</summary>
    public IEnumerable<int> Encode(string text)
    {
        for (int i = 0; i < text.Length;)
        {
            int length = Math.Min(longestToken, text.Length - i);
            while (length > 0 && !ids.ContainsKey(text.Substring(i, length))) length--;
            if (length == 0) throw new ArgumentException($"no token matches '{text[i]}' at position {i} of '{text}'");
            yield return ids[text.Substring(i, length)];
            i += length;
        }
    }

    /// <summary>Text of tokens up to (not including) the first EOS; specials other than EOS decode as nothing.</summary>
    public string Decode(IEnumerable<int> tokenIds)
    {
        var text = new System.Text.StringBuilder();
        foreach (var t in tokenIds)
        {
            if (t == Eos) break;
            if (t >= FirstToken && t < VocabularySize) text.Append(tokens[t - FirstToken]);
        }
        return text.ToString();
    }
}
