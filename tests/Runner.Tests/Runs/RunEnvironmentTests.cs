using NUnit.Framework;
using Runner.Engine.Native;
using Runner.Engine.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Tests.Runs;

public class RunEnvironmentTests
{
    static RunEnvironment Cuda(string nvidiaSmi) =>
        new(new Device(DeviceType.CUDA, 0), "cuda", 2, "gpu-host", "Linux", "TorchSharp=0.107.0") { Gpus = Gpus.Parse(nvidiaSmi) };

    [Test]
    public void NvidiaSmiLinesGiveTheModelsAndTheDriver()
    {
        var one = Gpus.Parse("NVIDIA H200, 570.86.15\n")!;
        Assert.That(one.ToString(), Is.EqualTo("NVIDIA H200 (driver 570.86.15)"));
        Assert.That(Gpus.Parse("NVIDIA A100-SXM4-80GB, 550.54.15\nNVIDIA A100-SXM4-80GB, 550.54.15\n")!.ToString(),
            Is.EqualTo("2 x NVIDIA A100-SXM4-80GB (driver 550.54.15)"));
        Assert.That(Gpus.Parse("NVIDIA A100-SXM4-80GB, 550.54.15\nTesla T4, 550.54.15")!.ModelText,
            Is.EqualTo("NVIDIA A100-SXM4-80GB + Tesla T4"));
        Assert.That(Gpus.Parse(""), Is.Null);
        Assert.That(Gpus.Parse("No devices were found\n"), Is.Null);
    }

    [Test]
    public void ACpuRunRecordsNoGpuAndKeysAsBefore()
    {
        var cpu = RunEnvironment.Create("cpu", 1);

        Assert.That(cpu.Gpu, Is.EqualTo("none"));
        Assert.That(cpu.KernelsFor(specTf32: true), Is.EqualTo(cpu.Kernels), "CPU run keys do not change: tf32 has no effect there");
        Assert.That(cpu.KernelsFor(specTf32: false), Is.EqualTo(cpu.Kernels));
        Assert.That(cpu.Kernels, Does.StartWith("cpu, "));
        Assert.That(cpu.Tf32For(true), Is.False);
        Assert.That(cpu.Determinism, Does.Contain("CPU kernels"));
    }

    [Test]
    public void ACudaRunRecordsAndKeysItsGpuModelAndTf32()
    {
        var h200 = Cuda("NVIDIA H200, 570.86.15");

        Assert.That(h200.Gpu, Is.EqualTo("NVIDIA H200 (driver 570.86.15)"));
        Assert.That(h200.KernelsFor(specTf32: true), Is.EqualTo("cuda NVIDIA H200, tf32"));
        Assert.That(h200.KernelsFor(specTf32: false), Is.EqualTo("cuda NVIDIA H200"));
        Assert.That(Cuda("NVIDIA H200, 580.1").KernelsFor(true), Is.EqualTo(h200.KernelsFor(true)), "a driver update keeps the key");
        Assert.That(Cuda("NVIDIA A100-SXM4-80GB, 570.86.15").KernelsFor(true), Is.Not.EqualTo(h200.KernelsFor(true)));
        var eight = Cuda(string.Concat(Enumerable.Repeat("NVIDIA H200, 570.86.15\n", 8)));
        Assert.That(eight.Gpu, Is.EqualTo("8 x NVIDIA H200 (driver 570.86.15)"), "the record names every visible GPU");
        Assert.That(eight.KernelsFor(true), Is.EqualTo(h200.KernelsFor(true)), "the key names the model that trains: one of them");
        Assert.That(Cuda("NVIDIA A100-SXM4-80GB, 550.1\nTesla T4, 550.1").KernelsFor(false), Is.EqualTo("cuda NVIDIA A100-SXM4-80GB + Tesla T4"),
            "a mix names all: which one CUDA numbers first depends on CUDA_DEVICE_ORDER");
        Assert.That(h200.Tf32For(true), Is.True);
        Assert.That(h200.Tf32For(false), Is.False);
        Assert.That(h200.Determinism, Does.Contain("CUDA kernels are not deterministic").And.Contain("runner diff"));
        Assert.That(Cuda("").Gpu, Is.EqualTo("CUDA (nvidia-smi did not answer: model unknown)"));
        Assert.That(Cuda("").KernelsFor(true), Is.EqualTo("cuda (model unknown), tf32"));
    }

    [Test]
    public void Tf32IsSetForACudaRunAndLeftAloneOnTheCpu()
    {
        // A process-wide libtorch flag that a CPU-only libtorch keeps too, so both paths run here.
        bool before = torch.backends.cuda.matmul.allow_tf32;
        try
        {
            var h200 = Cuda("NVIDIA H200, 570.86.15");
            h200.UseTf32(specTf32: true);
            Assert.That(torch.backends.cuda.matmul.allow_tf32, Is.True);
            RunEnvironment.Create("cpu", 1).UseTf32(specTf32: false);
            Assert.That(torch.backends.cuda.matmul.allow_tf32, Is.True, "a CPU run does not touch it");
            h200.UseTf32(specTf32: false);
            Assert.That(torch.backends.cuda.matmul.allow_tf32, Is.False);
        }
        finally
        {
            torch.backends.cuda.matmul.allow_tf32 = before;
        }
    }
}
