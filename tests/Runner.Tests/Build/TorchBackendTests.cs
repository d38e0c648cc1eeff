using System.Diagnostics;
using NUnit.Framework;
using Runner.Tests.EndToEnd;

namespace Runner.Tests.Build;

/// <summary>
/// The torch backend is a build property; a value that is none of the backends would reference no
/// libtorch at all and fail only at run time, so the build refuses it. The check is the target
/// that `dotnet build` and restore run first (src/Engine/Engine.csproj); run on its own it
/// writes nothing, so it cannot disturb the build these tests run from.
/// </summary>
public class TorchBackendTests
{
    static ProcessResult CheckBackend(string backend)
    {
        var start = new ProcessStartInfo("dotnet",
            ["msbuild", Path.Combine("src", "Engine", "Engine.csproj"), "-t:CheckTorchBackend", $"-p:TorchBackend={backend}", "-nologo"])
        {
            WorkingDirectory = RunnerProcess.RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    [Test]
    public void AnUnknownBackendIsABuildErrorThatNamesTheThreeBackends()
    {
        var result = CheckBackend("gpu");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stdout, Does.Contain(
            "error : TorchBackend 'gpu' is not a torch backend: use -p:TorchBackend=cpu (libtorch-cpu-linux-x64, the default), " +
            "-p:TorchBackend=cuda (libtorch-cuda-12.8-linux-x64) or -p:TorchBackend=external (a local libtorch: tools/build-libtorchsharp.sh)"));
    }

    [TestCase("cpu")]
    [TestCase("cuda")]
    [TestCase("external")]
    public void TheThreeBackendsPass(string backend) => Assert.That(CheckBackend(backend).ExitCode, Is.EqualTo(0));
}
