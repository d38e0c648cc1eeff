using System.Runtime.CompilerServices;
using NUnit.Framework;

namespace Runner.Tests;

/// <summary>
/// Runs Runner.Engine's module initializer (the GLIBCXX patch of libLibTorchSharp.so) before any
/// test touches TorchSharp directly, e.g. torch.manual_seed before the first Runner.Engine type.
/// </summary>
[SetUpFixture]
public class TorchSetUp
{
    [OneTimeSetUp]
    public void PatchLibTorchSharp()
    {
        RuntimeHelpers.RunModuleConstructor(typeof(Runner.Engine.Native.GlibcxxCompat).Module.ModuleHandle);
        // The test models are tiny: one thread is as fast and leaves the other core alone.
        TorchSharp.torch.set_num_threads(1);
    }

    [OneTimeTearDown]
    public void RemoveCalibrationCache() => Directory.Delete(EndToEnd.RunnerProcess.CalibrationCacheRoot, recursive: true);
}
