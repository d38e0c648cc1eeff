using System.Text.Json;
using Runner.Engine.Model;
using Runner.Engine.SelfImprovement;

namespace Runner.Engine.Runs;

/// <summary>
/// A completed round on disk, in the run's folder under runs/ (git-ignored): the weights
/// (round-NNN.pt, and round-NNN.mK.pt for model K of a majority vote), the optimizer state (round-NNN.optim) and the loop's position and random
/// streams (round-NNN.json). Each file is written to a temporary name and renamed, the JSON
/// last, so a round's checkpoint exists only when all three are whole. round-000.base holds the
/// base model's key (<see cref="BaseModel"/>), so other arms can start from this round 0; a
/// majority vote's run also writes round-000.m0.base, the key of its model 0 as a one-model run.
/// </summary>
public sealed class Checkpoint(string folder)
{
    const string BaseFile = "round-000.base";
    const string ModelZeroBaseFile = "round-000.m0.base";

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
            Atomically(PathOf(state.Round, Model(m, "pt")), path => loop.Models[m].save(path));
            Atomically(PathOf(state.Round, Model(m, "optim")), path => loop.Trainers[m].Optimizer.save_state_dict(path));
        }
        Atomically(PathOf(state.Round, "json"), path => File.WriteAllText(path, JsonSerializer.Serialize(state)));
    }

    public bool Exists(int round) => File.Exists(PathOf(round, "json"));

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
            loop.Models[m].load(PathOf(round, Model(m, "pt")));
            loop.Trainers[m].Optimizer.load_state_dict(PathOf(round, Model(m, "optim")));
        }
        return JsonSerializer.Deserialize<LoopState>(File.ReadAllText(PathOf(round, "json")))
            ?? throw new RunException($"{PathOf(round, "json")}: empty checkpoint state");
    }

    /// <summary>Records the base key of this run's round 0 and, for a majority vote, that of its model 0 alone.</summary>
    public void MarkBase(string key, string? modelZeroKey = null)
    {
        Directory.CreateDirectory(Folder);
        Atomically(Path.Combine(Folder, BaseFile), path => File.WriteAllText(path, key));
        if (modelZeroKey is not null)
            Atomically(Path.Combine(Folder, ModelZeroBaseFile), path => File.WriteAllText(path, modelZeroKey));
    }

    /// <summary>
    /// The run folders under <paramref name="runsRoot"/> whose round 0 has this base key (or,
    /// with <paramref name="modelZero"/>, whose model 0 alone has it) and a whole checkpoint.
    /// </summary>
    public static IEnumerable<Checkpoint> WithBase(string runsRoot, string key, bool modelZero = false)
    {
        string file = modelZero ? ModelZeroBaseFile : BaseFile;
        return (Directory.Exists(runsRoot) ? Directory.GetDirectories(runsRoot) : [])
            .Order(StringComparer.Ordinal)
            .Where(folder => File.Exists(Path.Combine(folder, file)) && File.ReadAllText(Path.Combine(folder, file)).Trim() == key)
            .Select(folder => new Checkpoint(folder))
            .Where(c => c.Exists(0));
    }

    /// <summary>
    /// Copies another run's checkpoint of a round into this folder, its JSON last (as <see
    /// cref="Save"/>); with <paramref name="modelZeroOnly"/> only model 0's weights and optimizer.
    /// Base keys are not copied: the run marks its own.
    /// </summary>
    public void CopyRound(Checkpoint source, int round, bool modelZeroOnly = false)
    {
        Directory.CreateDirectory(Folder);
        string[] modelZero = [PathOf(round, "pt"), PathOf(round, "optim"), PathOf(round, "json")];
        var files = Directory.GetFiles(source.Folder, $"round-{round:D3}.*")
            .Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal) && !f.EndsWith(".base", StringComparison.Ordinal))
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
