using NUnit.Framework;
using Runner.Tests.EndToEnd;

namespace Runner.Tests.Reports;

/// <summary>
/// One tiny real run, shared by the report tests: two arms x two seeds, two rounds, trained and
/// reported by one `runner run` process (so TorchSharp's and the report's SkiaSharp load together).
/// </summary>
public static class TinyReport
{
    /// <summary>The end-to-end tests' tiny spec with a second seed, so figures have bands and tables a spread.</summary>
    public static readonly string Yaml = TinySpec.Yaml.Replace("seeds: [7]", "seeds: [7, 8]");

    static readonly Lazy<(string Dir, ProcessResult Run)> run = new(() =>
    {
        string dir = Directory.CreateTempSubdirectory("runner-report-").FullName;
        TinyReportState.Created = dir;
        File.WriteAllText(Path.Combine(dir, "tiny.yaml"), Yaml);
        var result = RunnerProcess.Run(dir, "run", "tiny.yaml", "--threads", "1");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        return (dir, result);
    });

    /// <summary>The folder holding tiny.yaml, ledger/ and reports/tiny/ (written by the run).</summary>
    public static string Dir => run.Value.Dir;

    public static ProcessResult Run => run.Value.Run;

    public static string Ledger => Path.Combine(Dir, "ledger");

    public static string Report => Path.Combine(Dir, "reports", "tiny");

    /// <summary>A copy of the ledger with only the files of runs whose id contains <paramref name="keep"/> (e.g. seed 7's "-s7-").</summary>
    public static string CopyLedger(string target, Func<string, bool> keep)
    {
        foreach (string file in Directory.EnumerateFiles(Ledger, "*", SearchOption.AllDirectories).Where(keep))
        {
            string to = Path.Combine(target, Path.GetRelativePath(Ledger, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }
}
