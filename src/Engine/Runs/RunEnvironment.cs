using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Engine.Runs;

/// <summary>Where a run executes: the device it trains on and what the ledger records about the machine.</summary>
public sealed record RunEnvironment(Device Device, string DeviceName, int Threads, string Host, string Os, string Packages)
{
    public string Cpu { get; init; } = "unknown";
    public string Gpu { get; init; } = "none";

    /// <summary>What the ledger records about repeatability: every random choice is a seeded stream; CPU kernels repeat bit for bit.</summary>
    public string Determinism => DeviceName == "cpu"
        ? "seeded streams; CPU kernels: same spec and seed give the same ledger"
        : "seeded streams; CUDA kernels may differ in the last bits between runs";

    /// <summary>Resolves the spec's device (auto: CUDA when libtorch sees a GPU, else CPU) and sets torch's thread count.</summary>
    public static RunEnvironment Create(string device, int threads)
    {
        bool cudaAvailable = torch.cuda.is_available();
        var resolved = device switch
        {
            "cpu" => CPU,
            "cuda" when cudaAvailable => CUDA,
            "cuda" => throw new RunException("device 'cuda' was asked for, but libtorch sees no CUDA device (build with -p:TorchBackend=cuda on a GPU runner)"),
            _ => cudaAvailable ? CUDA : CPU,
        };
        if (threads > 0) torch.set_num_threads(threads);
        return new RunEnvironment(resolved, resolved.type == DeviceType.CUDA ? "cuda" : "cpu", torch.get_num_threads(),
            Environment.MachineName, RuntimeInformation.OSDescription, PackageVersions())
        {
            Cpu = CpuName(),
            Gpu = cudaAvailable ? $"{torch.cuda.device_count()} x CUDA" : "none",
        };
    }

    static string CpuName()
    {
        const string cpuInfo = "/proc/cpuinfo";
        var model = File.Exists(cpuInfo)
            ? File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim()
            : null;
        return $"{model ?? RuntimeInformation.ProcessArchitecture.ToString()} ({Environment.ProcessorCount} logical cores)";
    }

    static string PackageVersions() => string.Join("; ",
        $"TorchSharp={Version(typeof(torch))}",
        $"libtorch={torch.__version__}",
        $"Parquet.Net={Version(typeof(Parquet.ParquetWriter))}",
        $"YamlDotNet={Version(typeof(YamlDotNet.RepresentationModel.YamlStream))}",
        $".NET={Environment.Version}");

    static string Version(Type type) =>
        type.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? type.Assembly.GetName().Version?.ToString() ?? "unknown";
}

/// <summary>A run cannot start or go on; the message is one line for the user.</summary>
public sealed class RunException(string message) : Exception(message);
