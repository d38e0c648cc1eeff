using System.Runtime.CompilerServices;
using NUnit.Framework;
using Runner.Engine.Native;

namespace Runner.Tests;

/// <summary>
/// Runs Runner.Engine's module initializer (the GLIBCXX patch of libLibTorchSharp.so) and pins
/// portable numerics, as `runner run` does by default, before any test touches TorchSharp
/// directly (e.g. torch.manual_seed before the first Runner.Engine type), so in-process results
/// are the ones a run computes on any machine.
/// </summary>
[SetUpFixture]
public class TorchSetUp
{
    [OneTimeSetUp]
    public void PatchLibTorchSharp()
    {
        RuntimeHelpers.RunModuleConstructor(typeof(GlibcxxCompat).Module.ModuleHandle);
        CpuNumerics.Apply(CpuNumerics.Portable, threads: 1);
        // The test models are tiny: one thread is as fast and leaves the other core alone.
        TorchSharp.torch.set_num_threads(1);
    }

    [OneTimeTearDown]
    public void RemoveCalibrationCache() => Directory.Delete(EndToEnd.RunnerProcess.CalibrationCacheRoot, recursive: true);
}
