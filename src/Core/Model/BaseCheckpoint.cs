using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Runner.Core.Specs;

namespace Runner.Core.Model;

/// <summary>
/// The files of a Hugging Face checkpoint directory that decide what its model computes —
/// config.json and the weights (model.safetensors, or the shards model.safetensors.index.json
/// lists) — and their content hash, which a run's key includes: a run from other weights is
/// another run, wherever the directory lies.
/// </summary>
public static class BaseCheckpoint
{
    // Hashing a 1B model's 2.5 GB takes seconds; a process asks for the same directory once a run.
    static readonly ConcurrentDictionary<(string Path, long Length, DateTime Written), string> Hashes = new();

    /// <summary>config.json, then the weight files in name order; a missing one is an error naming it.</summary>
    public static IReadOnlyList<string> Files(string folder)
    {
        var config = Path.Combine(folder, "config.json");
        if (!File.Exists(config)) throw new FileNotFoundException($"{config}: missing (the checkpoint's config; is {folder} a Hugging Face checkpoint directory?)");
        var single = Path.Combine(folder, "model.safetensors");
        if (File.Exists(single)) return [config, single];
        var index = Path.Combine(folder, "model.safetensors.index.json");
        if (!File.Exists(index)) throw new FileNotFoundException($"{folder}: neither model.safetensors nor model.safetensors.index.json (the weights)");
        var map = JsonNode.Parse(File.ReadAllText(index))?["weight_map"] as JsonObject
            ?? throw new FormatException($"{index}: key 'weight_map' is missing");
        var shards = map.Select(p => p.Value!.GetValue<string>()).Distinct().Order(StringComparer.Ordinal).Select(s => Path.Combine(folder, s)).ToList();
        foreach (var shard in shards)
            if (!File.Exists(shard)) throw new FileNotFoundException($"{index}: weight_map names {Path.GetFileName(shard)}, which is not in {folder}");
        return [config, .. shards];
    }

    /// <summary>SHA-256 over <see cref="Files"/>' bytes, in order.</summary>
    public static string ContentHash(string folder)
    {
        var files = Files(folder);
        return Hashes.GetOrAdd(Key(files), _ =>
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 20];
            foreach (var path in files)
            {
                using var stream = File.OpenRead(path);
                int read;
                while ((read = stream.Read(buffer)) > 0) sha.AppendData(buffer, 0, read);
            }
            return Convert.ToHexStringLower(sha.GetHashAndReset());
        });
    }

    static (string, long, DateTime) Key(IReadOnlyList<string> files) =>
        (string.Join("\n", files.Select(Path.GetFullPath)), files.Sum(f => new FileInfo(f).Length), files.Max(File.GetLastWriteTimeUtc));

    /// <summary>
    /// What a run key adds for the spec's base model: nothing for a model trained from scratch (so
    /// those keys stay as they were), else the base checkpoint's content hash, or "absent" where
    /// the directory is not on this machine (the run itself then stops with that error).
    /// </summary>
    public static string KeyPart(Spec spec)
    {
        if (spec.Model.Pretrained is not { } pretrained) return "";
        var folder = PretrainedSpecRules.Folder(pretrained);
        try { return $"\nbase: {ContentHash(folder)}"; }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException) { return $"\nbase: absent at {folder}"; }
    }
}
