using System.Text.Json;
using Runner.Core;

namespace Runner.Engine.Cost;

/// <summary>
/// Calibrations of this machine, one JSON file per key in <see cref="Folder"/>: by default
/// $RUNNER_CACHE/calibration, else $XDG_CACHE_HOME/runner/calibration, else
/// ~/.cache/runner/calibration. It describes the machine, not the experiment, so it lives with
/// the user, never in the repository or the ledger; deleting it only costs a new calibration.
/// </summary>
public sealed class CalibrationCache(string folder)
{
    public string Folder { get; } = folder;

    public static CalibrationCache Default()
    {
        string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
        string root = Variable("RUNNER_CACHE")
            ?? Path.Combine(Variable("XDG_CACHE_HOME") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "runner");
        return new CalibrationCache(Path.Combine(root, "calibration"));
    }

    /// <summary>The file of a key: a hash of it, so any key makes a valid name.</summary>
    public string PathOf(CalibrationKey key) => Path.Combine(Folder, Hashing.Sha256Hex(key.ToString())[..16] + ".json");

    /// <summary>The cached calibration of the key; null when there is none, or the file is unreadable or of another key.</summary>
    public Calibration? Find(CalibrationKey key)
    {
        string path = PathOf(key);
        if (!File.Exists(path)) return null;
        try
        {
            var calibration = JsonSerializer.Deserialize<Calibration>(File.ReadAllText(path));
            return calibration?.Key == key.ToString() && calibration.TrainFlopsPerSecond > 0 && calibration.DecodeFlopsPerSecond > 0 ? calibration : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes the calibration atomically (a temporary file, then a rename), replacing an older one of its key.</summary>
    public string Save(CalibrationKey key, Calibration calibration)
    {
        Directory.CreateDirectory(Folder);
        string path = PathOf(key), temp = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(calibration, new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temp, path, overwrite: true);
        return path;
    }
}
