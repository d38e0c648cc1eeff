using System.Reflection;
using System.Runtime.InteropServices;
using Runner.Engine.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Engine.Runs;

/// <summary>Where a run executes: the device it trains on, the CPU kernels that compute it, and what the ledger records about the machine.</summary>
public sealed record RunEnvironment(Device Device, string DeviceName, int Threads, string Host, string Os, string Packages)
{
    public CpuInfo Cpu { get; init; } = CpuInfo.Parse("");
    public CpuNumerics Numerics { get; init; } = new(CpuNumerics.Fast, [], 0);
    /// <summary>The kernel level libtorch chose: "AVX2", "AVX512", "DEFAULT".</summary>
    public string CpuCapability { get; init; } = "unknown";
    public string Gpu { get; init; } = "none";

    /// <summary>e.g. "AMD EPYC (2 logical cores)".</summary>
    public string CpuName => $"{Cpu.Name} ({Environment.ProcessorCount} logical cores)";

    /// <summary>What the ledger records about repeatability: every random choice is a seeded stream; then it depends on the kernels.</summary>
    public string Determinism => (DeviceName, Numerics.Mode) switch
    {
        ("cpu", CpuNumerics.Portable) => "seeded streams; portable CPU kernels: the same spec and seed give the same ledger on any x64 CPU with AVX2",
        ("cpu", _) => "seeded streams; fast CPU kernels: the same spec and seed give the same ledger on this CPU model, library build and thread count",
        _ => "seeded streams; CUDA kernels may differ in the last bits between runs",
    };

    /// <summary>
    /// What decides a result's bits besides the spec and the code, for the run key: the device and,
    /// on CPU, the numerics: portable runs compute alike on every machine at one thread count; fast
    /// runs only on the same CPU model with the same kernel settings.
    /// </summary>
    public string Kernels => DeviceName != "cpu" ? DeviceName
        : Numerics.Mode == CpuNumerics.Portable ? $"cpu, portable numerics, {Threads} threads"
        : $"cpu, fast numerics on {Cpu.Identity} ({Cpu.KernelFlagList}; {Numerics.SettingsText}), {Threads} threads";

    /// <summary>
    /// Chooses the CPU kernels (before libtorch loads: <see cref="CpuNumerics"/>), resolves the
    /// spec's device (auto: CUDA when libtorch sees a GPU, else CPU) and sets torch's thread count
    /// (<paramref name="threads"/> above 0, else the numerics mode's default).
    /// </summary>
    public static RunEnvironment Create(string device, int threads, string numerics = CpuNumerics.Portable)
    {
        var cpu = CpuInfo.Read();
        var chosen = CpuNumerics.Apply(numerics, threads);
        if (chosen.Mode == CpuNumerics.Portable && !cpu.HasAvx2)
            Console.Error.WriteLine($"runner: warning: this CPU has no AVX2 and FMA ({cpu.Identity}): portable numerics cannot pin libtorch's kernels, so results will differ from other machines'");
        bool cudaAvailable = torch.cuda.is_available();
        var resolved = device switch
        {
            "cpu" => CPU,
            "cuda" when cudaAvailable => CUDA,
            "cuda" => throw new RunException("device 'cuda' was asked for, but libtorch sees no CUDA device (build with -p:TorchBackend=cuda on a GPU runner)"),
            _ => cudaAvailable ? CUDA : CPU,
        };
        torch.set_num_threads(chosen.Threads);
        return new RunEnvironment(resolved, resolved.type == DeviceType.CUDA ? "cuda" : "cpu", torch.get_num_threads(),
            Environment.MachineName, RuntimeInformation.OSDescription, PackageVersions())
        {
            Cpu = cpu,
            Numerics = chosen,
            CpuCapability = CpuNumerics.LibtorchCapability(),
            Gpu = cudaAvailable ? $"{torch.cuda.device_count()} x CUDA" : "none",
        };
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
