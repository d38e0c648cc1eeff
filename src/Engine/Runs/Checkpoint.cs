using System.Text.Json;
using Runner.Core.Plans;
using Runner.Engine.Model;
using Runner.Engine.SelfImprovement;

namespace Runner.Engine.Runs;

/// <summary>
/// A completed round on disk, in the run's folder under runs/ (git-ignored): the weights
/// (round-NNN.pt, and round-NNN.mK.pt for model K of a majority vote), the optimizer state (round-NNN.optim) and the loop's position and random
/// streams (round-NNN.json). Each file is written to a temporary name and renamed, the JSON
/// last, so a round's checkpoint exists only when all three are whole. round-NNN.key holds the
/// key of rounds 0..NNN (<see cref="SharedRounds"/>), so other runs can start from this round; a
/// majority vote's run also writes round-000.m0.key, the key of its model 0 as a one-model run.
/// </summary>
public sealed class Checkpoint(string folder)
{
    const string KeyExtension = ".key";
    const string ModelZeroKeyFile = "round-000.m0.key";

    public string Folder { get; } = folder;

    /// <summary>The run the checkpoint belongs to: the folder is named after it.</summary>
    public string RunId => Path.GetFileName(Path.TrimEndingDirectorySeparator(Folder));

    string PathOf(int round, string extension) => Path.Combine(Folder, $"round-{round:D3}.{extension}");

    public void Save(SelfImprovementLoop loop)
    {
        var state = loop.State;
        Directory.CreateDirectory(Folder);
        for (int m = 0; m < loop.Models.Count; m++)
        {
            Atomically(PathOf(state.Round, Model(m, "pt")), path => loop.Models[m].SaveTrained(path));
            Atomically(PathOf(state.Round, Model(m, "optim")), path => loop.Trainers[m].Optimizer.save_state_dict(path));
        }
        Atomically(PathOf(state.Round, "json"), path => File.WriteAllText(path, JsonSerializer.Serialize(state)));
    }

    public bool Exists(int round) => File.Exists(PathOf(round, "json"));

    /// <summary>Model <paramref name="member"/>'s weights after <paramref name="round"/> (whole only when <see cref="Exists"/>).</summary>
    public string WeightsPath(int round, int member) => PathOf(round, Model(member, "pt"));

    /// <summary>Where the loop stood after <paramref name="round"/>: its trained difficulties and random streams.</summary>
    public LoopState ReadState(int round) => JsonSerializer.Deserialize<LoopState>(File.ReadAllText(PathOf(round, "json")))
        ?? throw new RunException($"{PathOf(round, "json")}: empty checkpoint state");

    /// <summary>
    /// Loads weights and optimizer state into the loop and returns where it stood. Both load in
    /// place, into the tensors the optimizer already holds, on any device: the weights through
    /// <see cref="Transformer.load"/> (TorchSharp's own Module.load would replace a CUDA model's
    /// parameters), the optimizer's moments through Tensor.Load (TorchSharp 0.107
    /// src/TorchSharp/Optimizers/AdamW.cs:248-262, keyed by the parameters' handles).
    /// </summary>
    public LoopState Load(int round, SelfImprovementLoop loop)
    {
        for (int m = 0; m < loop.Models.Count; m++)
        {
            loop.Models[m].LoadTrained(PathOf(round, Model(m, "pt")));
            loop.Trainers[m].Optimizer.load_state_dict(PathOf(round, Model(m, "optim")));
        }
        return ReadState(round);
    }

    /// <summary>Records the key of rounds 0..<paramref name="round"/> and, for round 0 of a majority vote, that of its model 0 alone.</summary>
    public void MarkShared(int round, string key, string? modelZeroKey = null)
    {
        Directory.CreateDirectory(Folder);
        Atomically(PathOf(round, "key"), path => File.WriteAllText(path, key));
        if (modelZeroKey is not null)
            Atomically(Path.Combine(Folder, ModelZeroKeyFile), path => File.WriteAllText(path, modelZeroKey));
    }

    /// <summary>
    /// Every round a run folder under <paramref name="runsRoot"/> marked with its key (with
    /// <paramref name="modelZero"/>, every round 0 marked with the key of its model 0 alone),
    /// folders in name order, rounds in order. Whether the round's checkpoint is whole is <see cref="Exists"/>.
    /// </summary>
    public static IEnumerable<CheckpointMark> Marks(string runsRoot, bool modelZero = false) =>
        (Directory.Exists(runsRoot) ? Directory.GetDirectories(runsRoot) : [])
            .Order(StringComparer.Ordinal)
            .SelectMany(folder => Directory.GetFiles(folder, modelZero ? ModelZeroKeyFile : "round-*" + KeyExtension)
                .Select(file => (File: file, Round: modelZero ? 0 : RoundOf(file)))
                .Where(f => f.Round >= 0)
                .OrderBy(f => f.Round)
                .Select(f => new CheckpointMark(new Checkpoint(folder), f.Round, File.ReadAllText(f.File).Trim())));

    /// <summary>The round of a round-NNN.key file; -1 for any other name (round-000.m0.key).</summary>
    static int RoundOf(string file) =>
        Path.GetFileNameWithoutExtension(file)["round-".Length..] is var digits && digits.All(char.IsAsciiDigit)
            && int.TryParse(digits, out int round) ? round : -1;

    /// <summary>
    /// Copies another run's checkpoint of a round into this folder, its JSON last (as <see
    /// cref="Save"/>); with <paramref name="modelZeroOnly"/> only model 0's weights and optimizer.
    /// Keys are not copied: the run marks its own.
    /// </summary>
    public void CopyRound(Checkpoint source, int round, bool modelZeroOnly = false)
    {
        Directory.CreateDirectory(Folder);
        string[] modelZero = [PathOf(round, "pt"), PathOf(round, "optim"), PathOf(round, "json")];
        var files = Directory.GetFiles(source.Folder, $"round-{round:D3}.*")
            .Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal) && !f.EndsWith(KeyExtension, StringComparison.Ordinal))
            .Where(f => !modelZeroOnly || modelZero.Contains(Path.Combine(Folder, Path.GetFileName(f))))
            .OrderBy(f => f.EndsWith(".json", StringComparison.Ordinal)).ThenBy(f => f, StringComparer.Ordinal);
        foreach (var file in files)
            Atomically(Path.Combine(Folder, Path.GetFileName(file)), path => File.Copy(file, path, overwrite: true));
    }

    /// <summary>Model 0 keeps the one-model names (round-NNN.pt); the others of a majority-vote run add their index (round-NNN.m1.pt).</summary>
    static string Model(int member, string extension) => member == 0 ? extension : $"m{member}.{extension}";

    /// <summary>Writes to a temp file, flushes it to disk, then renames it: a crash never leaves a half-written file under the final name.</summary>
    static void Atomically(string path, Action<string> write)
    {
        var temp = path + ".tmp";
        write(temp);
        using (var written = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite)) written.Flush(flushToDisk: true);
        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>A round a run folder marked with the key of rounds 0..<see cref="Round"/> (<see cref="SharedRounds"/>).</summary>
public sealed record CheckpointMark(Checkpoint Checkpoint, int Round, string Key);
