using NUnit.Framework;
using Runner.Core.Specs;

namespace Runner.Tests.Specs;

/// <summary>Base fixture: writes YAML specs into a fresh temp directory per test.</summary>
public abstract class SpecFileTests
{
    string _dir = "";

    [SetUp]
    public void CreateDirectory()
    {
        _dir = Path.Combine(Path.GetTempPath(), "runner-spec-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    /// <summary>Writes the YAML to a file and returns its path.</summary>
    protected string Write(string yaml, string name = "spec.yaml")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    protected string PathOf(string name) => Path.Combine(_dir, name);

    /// <summary>Loads the YAML, which must fail, and returns its errors as their printed lines.</summary>
    protected List<string> ErrorsOf(string yaml, out string path)
    {
        path = Write(yaml);
        var ok = SpecLoader.TryLoad(path, out _, out var errors);
        Assert.That(ok, Is.False, "the spec should not load");
        return errors.Select(e => e.ToString()).ToList();
    }

    /// <summary>Loads the YAML, which must succeed.</summary>
    protected LoadedSpec LoadOk(string yaml)
    {
        var path = Write(yaml);
        var ok = SpecLoader.TryLoad(path, out var spec, out var errors);
        Assert.That(ok, Is.True, () => "unexpected errors:\n" + string.Join("\n", errors));
        return spec!;
    }
}
