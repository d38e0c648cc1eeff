using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Runner.Core.Model;

/// <summary>
/// Runner's character tokens mapped to a pretrained model's vocabulary, as the paper's official
/// code maps its character tokenizer onto Llama's (JackCai1206/arithmetic-self-improve,
/// preamble.py get_tokenizer): each task token becomes the base model's id for that same text,
/// BOS and EOS the base model's own. The base vocabulary is read from its tokenizer.json (the
/// Hugging Face tokenizers format): a BPE or WordLevel model's vocab plus its added tokens; under
/// a ByteLevel pre-tokenizer (Llama 3's) text is first written as GPT-2's byte-to-character
/// alphabet, so a space is "Ġ". PAD is never attended to nor predicted (masked, ignored by the
/// loss), so it takes EOS's id, as HF's pad_token = eos_token does. Where the official code
/// silently kept its own id for a character the base vocabulary lacks, this is an error.
/// </summary>
public static class BaseVocabulary
{
    /// <summary>For each of the tokenizer's ids (PAD, BOS, EOS, then its tokens), the base model's id.</summary>
    public static int[] Map(string tokenizerJsonPath, Tokenizer tokenizer, int bosId, int eosId)
    {
        var (vocabulary, byteLevel) = Read(tokenizerJsonPath);
        var ids = new int[tokenizer.VocabularySize];
        ids[Tokenizer.Pad] = eosId;
        ids[Tokenizer.Bos] = bosId;
        ids[Tokenizer.Eos] = eosId;
        for (int id = Tokenizer.Eos + 1; id < tokenizer.VocabularySize; id++)
        {
            var text = tokenizer.Decode([id]);
            var spelled = byteLevel ? ByteLevelText(text) : text;
            if (!vocabulary.TryGetValue(spelled, out ids[id]))
                throw new FormatException($"{tokenizerJsonPath}: the task's token '{text}'" + (spelled != text ? $" (byte-level '{spelled}')" : "")
                    + " is not a single token of the base vocabulary; this task cannot start from this model");
        }
        return ids;
    }

    /// <summary>The vocabulary (model.vocab and added_tokens) and whether text is byte-level encoded first.</summary>
    static (Dictionary<string, int> Vocabulary, bool ByteLevel) Read(string path)
    {
        JsonObject json;
        try { json = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new FormatException($"{path}: empty"); }
        catch (JsonException e) { throw new FormatException($"{path}: not JSON ({e.Message})"); }
        var model = json["model"] as JsonObject ?? throw new FormatException($"{path}: key 'model' is missing");
        var type = model["type"]?.GetValue<string>();
        if (type is not ("BPE" or "WordLevel"))
            throw new FormatException($"{path}: key 'model.type' is '{type}'; Runner reads BPE and WordLevel vocabularies");
        var vocab = model["vocab"] as JsonObject ?? throw new FormatException($"{path}: key 'model.vocab' is missing");
        var vocabulary = vocab.ToDictionary(p => p.Key, p => p.Value!.GetValue<int>(), StringComparer.Ordinal);
        if (json["added_tokens"] is JsonArray added)
            foreach (var token in added.OfType<JsonObject>())
                vocabulary[token["content"]!.GetValue<string>()] = token["id"]!.GetValue<int>();
        return (vocabulary, IsByteLevel(json["pre_tokenizer"]));
    }

    static bool IsByteLevel(JsonNode? preTokenizer) => preTokenizer is JsonObject o && (o["type"]?.GetValue<string>() == "ByteLevel"
        || (o["pretokenizers"] is JsonArray parts && parts.Any(IsByteLevel)));

    /// <summary>GPT-2's bytes_to_unicode: printable Latin-1 bytes stand for themselves, the other 68 for U+0100 onwards.</summary>
    static readonly char[] ByteCharacters = BuildByteCharacters();

    static char[] BuildByteCharacters()
    {
        var map = new char[256];
        int next = 0;
        for (int b = 0; b < 256; b++)
            map[b] = b is >= '!' and <= '~' or >= '¡' and <= '¬' or >= '®' and <= 'ÿ' ? (char)b : (char)(256 + next++);
        return map;
    }

    public static string ByteLevelText(string text) =>
        new(Encoding.UTF8.GetBytes(text).Select(b => ByteCharacters[b]).ToArray());
}
