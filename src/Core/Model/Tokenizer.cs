namespace Runner.Core.Model;

/// <summary>
/// The task's tokens plus PAD, BOS and EOS (the paper's model). A sequence is BOS + prompt,
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
    readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> idsBySpan;
    readonly int longestToken;

    public Tokenizer(IReadOnlyList<string> tokens)
    {
        if (tokens.Any(string.IsNullOrEmpty)) throw new ArgumentException("a token must not be empty");
        this.tokens = tokens;
        ids = tokens.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i + FirstToken);
        idsBySpan = ids.GetAlternateLookup<ReadOnlySpan<char>>();
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
            var (id, length) = Match(text, i);
            yield return id;
            i += length;
        }
    }

    /// <summary>How many tokens <see cref="Encode"/> makes of the text, without making them.</summary>
    public int Count(string text)
    {
        int count = 0;
        for (int i = 0; i < text.Length; count++) i += Match(text, i).Length;
        return count;
    }

    /// <summary>The longest token at <paramref name="start"/> (looked up by span: tokenizing allocates nothing).</summary>
    (int Id, int Length) Match(string text, int start)
    {
        for (int length = Math.Min(longestToken, text.Length - start); length > 0; length--)
            if (idsBySpan.TryGetValue(text.AsSpan(start, length), out int id)) return (id, length);
        throw new ArgumentException($"no token matches '{text[start]}' at position {start} of '{text}'");
    }

    /// <summary>A token's text; the specials as &lt;pad&gt;, &lt;bos&gt;, &lt;eos&gt;.</summary>
    public string TokenText(int id) => id switch
    {
        Pad => "<pad>",
        Bos => "<bos>",
        Eos => "<eos>",
        _ when id >= FirstToken && id < VocabularySize => tokens[id - FirstToken],
        _ => throw new ArgumentOutOfRangeException(nameof(id), $"no token has id {id}"),
    };

    /// <summary>The id of a token's text (<see cref="TokenText"/> read back).</summary>
    public int Id(string token) => token switch
    {
        "<pad>" => Pad,
        "<bos>" => Bos,
        "<eos>" => Eos,
        _ => ids.TryGetValue(token, out int id) ? id : throw new ArgumentException($"no token '{token}'"),
    };

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
