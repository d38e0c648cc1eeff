using System.Text.Json.Nodes;
using Runner.Engine.Model.Pretrained;

namespace Runner.Tests.Model.Pretrained;

/// <summary>
/// The committed tiny Llama checkpoint (Fixtures/tiny-llama, written by tools/llama_reference.py):
/// 2 layers, 4 query and 2 key/value heads of 8 dimensions, llama3 RoPE scaling, tied
/// embeddings, rms_norm_eps 1e-5, BF16 weights, a 40-token byte-level vocabulary; and the logits
/// a plain-PyTorch forward pass following transformers' modeling_llama.py gave for two rows of tokens.
/// </summary>
static class TinyLlama
{
    public static string Folder => Path.Combine(EndToEnd.RunnerProcess.RepositoryRoot(), "tests", "Runner.Tests", "Model", "Pretrained", "Fixtures", "tiny-llama");

    public static (long[,] Tokens, float[,,] Logits) Reference()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "reference-logits.json")))!;
        var rows = json["tokens"]!.AsArray();
        int batch = rows.Count, time = rows[0]!.AsArray().Count, vocab = json["logits"]![0]![0]!.AsArray().Count;
        var tokens = new long[batch, time];
        var logits = new float[batch, time, vocab];
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < time; t++)
            {
                tokens[b, t] = json["tokens"]![b]![t]!.GetValue<long>();
                for (int v = 0; v < vocab; v++) logits[b, t, v] = json["logits"]![b]![t]![v]!.GetValue<float>();
            }
        return (tokens, logits);
    }

    /// <summary>A copy of the fixture in a fresh temporary folder, for tests that break it.</summary>
    public static string CopyTo(string root)
    {
        var folder = Path.Combine(root, "tiny-llama");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Folder)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        return folder;
    }

    public static Llama Load(LoraSettings? lora = null) => LlamaCheckpoint.Open(Folder).Load(lora);
}
