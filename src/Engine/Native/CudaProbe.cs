using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using TorchSharp;

namespace Runner.Engine.Native;

/// <summary>
/// Whether libtorch can use a CUDA GPU, and if not, why, in one line. TorchSharp 0.107's
/// torch.cuda.is_available drops the reason (TryInitializeDeviceType, src/TorchSharp/Torch.cs:341,
/// loads libtorch_cuda with NativeLibrary.TryLoad, which keeps no error), and its throwing
/// InitializeDeviceType reports a page of load trace without the loader's message. So this asks
/// the throwing variant, and on failure loads libtorch_cuda itself to read the dynamic loader's
/// error (a missing dependency such as libcudart), or, when the library loads, asks nvidia-smi
/// about the driver (none installed, GPUs hidden, a driver older than the CUDA libtorch needs).
/// </summary>
public static partial class CudaProbe
{
    public sealed record Result(bool Available, string? Cause);

    /// <summary>Initialises TorchSharp's CUDA backend; the cause is null when a GPU is usable.</summary>
    public static Result Probe()
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CUDA);
            return new Result(true, null);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException)
        {
            return new Result(false, Explain(LoadError(), Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES"), Driver.Query));
        }
    }

    /// <summary>The dynamic loader's error for libtorch_cuda, looked up as TorchSharp looks it up; null when it loads.</summary>
    static string? LoadError()
    {
        try
        {
            NativeLibrary.Load("torch_cuda", typeof(torch).Assembly, null);
            return null;
        }
        catch (DllNotFoundException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// The one-line cause from the loader's error for libtorch_cuda (null: it loaded), the
    /// CUDA_VISIBLE_DEVICES value, and a way to ask the driver (asked only when the library loaded).
    /// </summary>
    public static string Explain(string? loadError, string? visibleDevices, Func<Driver?> driver)
    {
        if (loadError is not null)
        {
            // .NET lists one dlerror line per path it tried; a line about anything but the library's
            // own absence names what stopped it (a dependency, a symbol, a wrong architecture).
            var tried = loadError.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(line => line.Contains(".so", StringComparison.Ordinal) && line.Contains(": ", StringComparison.Ordinal)).ToList();
            var cause = tried.FirstOrDefault(line => !IsAbsent(line));
            return cause is null
                ? "this runner has no CUDA libtorch (libtorch_cuda.so is not beside it nor on LD_LIBRARY_PATH): build it with -p:TorchBackend=cuda, or with -p:TorchBackend=external against a local libtorch (docs/gpu.md)"
                : $"libtorch_cuda.so did not load: {ShortPath(cause)}";
        }
        if (visibleDevices is { } visible && (visible.Length == 0 || visible.Trim() == "-1"))
            return $"libtorch's CUDA libraries loaded, but CUDA_VISIBLE_DEVICES='{visible}' hides every GPU";
        return driver() switch
        {
            null => "libtorch's CUDA libraries loaded, but no NVIDIA driver answers (nvidia-smi is missing or fails): install the driver, or run where it is",
            { Gpus: 0 } d => $"libtorch's CUDA libraries loaded, but the NVIDIA driver {d.Version} lists no GPU" +
                (visibleDevices is { Length: > 0 } ? $" (CUDA_VISIBLE_DEVICES='{visibleDevices}')" : ""),
            var d => $"libtorch's CUDA libraries loaded and the driver {d.Version} lists {d.Gpus} GPU(s), but CUDA cannot use them: " +
                $"the driver supports CUDA up to {d.CudaVersion}; libtorch needs at least the CUDA it was built with (12.8 for the NuGet package)" +
                (visibleDevices is { Length: > 0 } ? $", and CUDA_VISIBLE_DEVICES='{visibleDevices}' must name GPUs that exist" : ""),
        };
    }

    // "path/libtorch_cuda.so: cannot open shared object file: No such file or directory": the library itself is not there.
    static bool IsAbsent(string line) =>
        AbsentLibrary().IsMatch(line);

    // The loader's line with the folder dropped from the failing library's own path: the dependency is what matters.
    static string ShortPath(string line) => OwnPath().Replace(line, "libtorch_cuda.so: ", 1);

    [GeneratedRegex(@"^(\S*/)?(lib)?torch_cuda(\.so)?: cannot open shared object file: No such file or directory$")]
    private static partial Regex AbsentLibrary();

    [GeneratedRegex(@"^\S*libtorch_cuda\.so: ")]
    private static partial Regex OwnPath();

    /// <summary>What nvidia-smi says about the driver: its version, the newest CUDA it supports, and how many GPUs it lists.</summary>
    public sealed partial record Driver(string Version, string CudaVersion, int Gpus)
    {
        /// <summary>Runs nvidia-smi; null when it is missing, fails or prints no driver line.</summary>
        public static Driver? Query() => NvidiaSmi.Run() is { } smi ? Parse(smi.Output) : null;

        /// <summary>nvidia-smi's default table: "Driver Version: 550.54.15  CUDA Version: 12.4" in its header, one "| N  NAME ..." row a GPU.</summary>
        public static Driver? Parse(string table)
        {
            var header = HeaderLine().Match(table);
            if (!header.Success) return null;
            return new Driver(header.Groups[1].Value, header.Groups[2].Value, GpuRow().Matches(table).Count);
        }

        [GeneratedRegex(@"Driver Version:\s*(\S+)\s+CUDA Version:\s*(\S+)")]
        private static partial Regex HeaderLine();

        [GeneratedRegex(@"^\|\s+\d+\s+.+(On|Off)\s+\|", RegexOptions.Multiline)]
        private static partial Regex GpuRow();
    }
}
