using NUnit.Framework;
using Runner.Engine;
using Runner.Engine.Native;
using Runner.Engine.Runs;

namespace Runner.Tests.Native;

public class CudaProbeTests
{
    const string Prefix = "Unable to load shared library 'torch_cuda' or one of its dependencies. In order to help diagnose loading problems, " +
        "consider using a tool like strace. If you're using glibc, consider setting the LD_DEBUG environment variable: \n";

    static CudaProbe.Driver? NotAsked() => throw new AssertionException("the driver is asked only when libtorch_cuda loads");

    [Test]
    public void OnThisCpuBuildTheCauseIsTheMissingCudaLibtorch()
    {
        var result = CudaProbe.Probe();

        Assert.That(result.Available, Is.False);
        Assert.That(result.Cause, Does.StartWith("this runner has no CUDA libtorch (libtorch_cuda.so is not beside it nor on LD_LIBRARY_PATH)"));
        Assert.That(result.Cause, Does.Not.Contain("\n"));
    }

    [Test]
    public void ARunThatAsksForCudaStopsWithTheCauseInOneLine()
    {
        var error = Assert.Throws<RunException>(() => RunEnvironment.Create("cuda", threads: 1))!;

        Assert.That(error.Message, Does.StartWith("device 'cuda' was asked for, but CUDA is not usable: this runner has no CUDA libtorch"));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void AMissingDependencyIsNamed()
    {
        var error = Prefix +
            "/opt/runner/libtorch_cuda.so: libcudart.so.12: cannot open shared object file: No such file or directory\n" +
            "/opt/runner/torch_cuda.so: cannot open shared object file: No such file or directory\n" +
            "libtorch_cuda.so: cannot open shared object file: No such file or directory\n";

        Assert.That(CudaProbe.Explain(error, null, NotAsked),
            Is.EqualTo("libtorch_cuda.so did not load: libtorch_cuda.so: libcudart.so.12: cannot open shared object file: No such file or directory"));
    }

    [Test]
    public void AnUndefinedSymbolIsNamed()
    {
        var error = Prefix + "/opt/runner/libtorch_cuda.so: undefined symbol: cudaGetDriverEntryPointByVersion, version libcudart.so.12\n";

        Assert.That(CudaProbe.Explain(error, null, NotAsked),
            Is.EqualTo("libtorch_cuda.so did not load: libtorch_cuda.so: undefined symbol: cudaGetDriverEntryPointByVersion, version libcudart.so.12"));
    }

    [Test]
    public void ADriverTooOldForLibtorchsCudaIsSaid()
    {
        var table = """
            +-----------------------------------------------------------------------------------------+
            | NVIDIA-SMI 535.104.05             Driver Version: 535.104.05   CUDA Version: 12.2     |
            |-----------------------------------------+------------------------+----------------------+
            |   0  NVIDIA H100 80GB HBM3          On  |   00000000:18:00.0 Off |                    0 |
            | N/A   33C    P0             71W /  700W |       1MiB /  81559MiB |      0%      Default |
            |   1  NVIDIA H100 80GB HBM3          On  |   00000000:2A:00.0 Off |                    0 |
            | N/A   31C    P0             70W /  700W |       1MiB /  81559MiB |      0%      Default |
            +-----------------------------------------+------------------------+----------------------+
            """;
        var driver = CudaProbe.Driver.Parse(table);

        Assert.That(driver, Is.EqualTo(new CudaProbe.Driver("535.104.05", "12.2", 2)));
        Assert.That(CudaProbe.Explain(null, null, () => driver), Is.EqualTo(
            "libtorch's CUDA libraries loaded and the driver 535.104.05 lists 2 GPU(s), but CUDA cannot use them: " +
            "the driver supports CUDA up to 12.2; libtorch needs at least the CUDA it was built with (12.8 for the NuGet package)"));
    }

    [Test]
    public void NoDriverAndHiddenGpusAreSaid()
    {
        Assert.That(CudaProbe.Explain(null, null, () => null),
            Is.EqualTo("libtorch's CUDA libraries loaded, but no NVIDIA driver answers (nvidia-smi is missing or fails): install the driver, or run where it is"));
        Assert.That(CudaProbe.Explain(null, "", NotAsked),
            Is.EqualTo("libtorch's CUDA libraries loaded, but CUDA_VISIBLE_DEVICES='' hides every GPU"));
        Assert.That(CudaProbe.Driver.Parse("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver."), Is.Null);
    }
}
