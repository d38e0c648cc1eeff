using NUnit.Framework;
using Runner.Core.Model;
using Runner.Engine.Cost;
using Runner.Engine.Model;

namespace Runner.Tests.Cost;

public class CalibrationCacheTests
{
    string dir = "";

    [SetUp] public void SetUp() => dir = Directory.CreateTempSubdirectory("runner-calibration-").FullName;
    [TearDown] public void TearDown() => Directory.Delete(dir, recursive: true);

    static CalibrationKey Key(int threads = 2, int batch = 64) => new("vm", "cpu model (2 logical cores)", "none", "cpu", threads,
        "TorchSharp=0.107.0", "ATEN_CPU_CAPABILITY=default, MKL_CBWR=default", new TransformerShape(3, 4, 128, 512, 14, 64), batch, 512);

    static Calibration Measured(CalibrationKey key) => new()
    {
        Key = key.ToString(), MeasuredUtc = new DateTime(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc), MeasuredSeconds = 3.5,
        StepSeconds = 0.004, TrainFlopsPerSecond = 5e10, DecodeTokenSeconds = 0.001, DecodeFlopsPerSecond = 2e10,
    };

    [Test]
    public void AKeysCalibrationComesBackAndNoOtherKeysDoes()
    {
        var cache = new CalibrationCache(dir);
        string path = cache.Save(Key(), Measured(Key()));

        Assert.That(Path.GetDirectoryName(path), Is.EqualTo(dir));
        Assert.That(cache.Find(Key()), Is.EqualTo(Measured(Key())));
        Assert.That(cache.Find(Key(threads: 1)), Is.Null, "threads are part of the key");
        Assert.That(cache.Find(Key(batch: 32)), Is.Null, "so is the batch");
        Assert.That(Directory.GetFiles(dir), Has.Length.EqualTo(1), "no temporary file left");
    }

    [Test]
    public void AnUnreadableOrForeignFileIsNoCalibration()
    {
        var cache = new CalibrationCache(dir);
        File.WriteAllText(cache.PathOf(Key()), "{ not json");
        Assert.That(cache.Find(Key()), Is.Null);

        // A file under the key's name that holds another key's numbers (a hash collision, a hand edit).
        File.WriteAllText(cache.PathOf(Key()), System.Text.Json.JsonSerializer.Serialize(Measured(Key(threads: 8))));
        Assert.That(cache.Find(Key()), Is.Null);

        cache.Save(Key(), Measured(Key()));
        Assert.That(cache.Find(Key()), Is.Not.Null, "a new calibration replaces the bad file");
    }

    [Test]
    public void TheDefaultFolderIsTheUsersCacheUnlessRunnerCacheSaysOtherwise()
    {
        string? saved = Environment.GetEnvironmentVariable("RUNNER_CACHE"), xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        try
        {
            Environment.SetEnvironmentVariable("RUNNER_CACHE", dir);
            Assert.That(CalibrationCache.Default().Folder, Is.EqualTo(Path.Combine(dir, "calibration")));
            Environment.SetEnvironmentVariable("RUNNER_CACHE", null);
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", "/xdg");
            Assert.That(CalibrationCache.Default().Folder, Is.EqualTo("/xdg/runner/calibration"));
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", null);
            Assert.That(CalibrationCache.Default().Folder,
                Is.EqualTo(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "runner", "calibration")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("RUNNER_CACHE", saved);
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", xdg);
        }
    }
}
