using System.Text.Json;
using Runner.Core.SelfImprovement;

namespace Runner.Core.Runs;

/// <summary>
/// A completed round on disk, in the run's folder under runs/ (git-ignored): the weights
/// (round-NNN.pt, and round-NNN.mK.pt for model K of a majority vote), the optimizer state (round-NNN.optim) and the loop's position and random
/// streams (round-NNN.json). Each file is written to a temporary name and renamed, the JSON
/// last, so a round's checkpoint exists only when all three are whole.
/// </summary>
public sealed class Checkpoint(string folder)
{
    public string Folder { get; } = folder;

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

    /// <summary>Loads weights and optimizer state into the loop and returns where it stood.</summary>
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

    /// <summary>Model 0 keeps the one-model names (round-NNN.pt); the others of a majority-vote run add their index (round-NNN.m1.pt).</summary>
    static string Model(int member, string extension) => member == 0 ? extension : $"m{member}.{extension}";

    static void Atomically(string path, Action<string> write)
    {
        var temp = path + ".tmp";
        write(temp);
        File.Move(temp, path, overwrite: true);
    }
}
