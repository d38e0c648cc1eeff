using System.Diagnostics;
using NUnit.Framework;

namespace Runner.Tests.EndToEnd;

/// <summary>What a user sees from one `runner` invocation.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs the real `runner` program (built next to the tests) as a child process, as a user would.</summary>
public static class RunnerProcess
{
    public static ProcessResult Run(string workingDirectory, params string[] args) => Run(workingDirectory, ci: true, args);

    /// <summary>Runs runner with CI=true (as CI does) or with CI unset (as on a developer's machine).</summary>
    public static ProcessResult Run(string workingDirectory, bool ci, params string[] args) => Run(workingDirectory, ci, new Dictionary<string, string>(), args);

    /// <summary>Runs runner with <paramref name="environment"/> added to what it inherits.</summary>
    public static ProcessResult Run(string workingDirectory, bool ci, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Start(workingDirectory, ci, environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"runner {string.Join(' ', args)} did not finish in 3 minutes");
        }
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts runner without waiting (the caller reads its output or kills it).</summary>
    public static Process Start(string workingDirectory, params string[] args) => Start(workingDirectory, ci: true, args);

    public static Process Start(string workingDirectory, bool ci, params string[] args) => Start(workingDirectory, ci, new Dictionary<string, string>(), args);

    /// <summary>Starts runner with <paramref name="environment"/> added to what it inherits.</summary>
    public static Process Start(string workingDirectory, bool ci, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "runner.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // Calibrations are the machine's, not a test's: each test run starts with none (see CalibrationCache).
        start.Environment["RUNNER_CACHE"] = CalibrationCacheRoot;
        foreach (var (name, value) in environment) start.Environment[name] = value;
        if (ci) start.Environment["CI"] = "true";
        else start.Environment.Remove("CI");
        return Process.Start(start)!;
    }

    /// <summary>The cache the runner processes of this test run share, empty when it starts (RUNNER_CACHE).</summary>
    public static readonly string CalibrationCacheRoot = Directory.CreateTempSubdirectory("runner-cache-").FullName;

    /// <summary>The repository root (where Runner.sln is), for the specs shipped with it.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Runner.sln"))) return dir.FullName;
        throw new AssertionException("Runner.sln not found above " + AppContext.BaseDirectory);
    }
}
