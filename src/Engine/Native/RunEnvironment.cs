using System.Reflection;
using System.Runtime.InteropServices;
using Runner.Engine.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Engine.Native;

/// <summary>Where a run executes: the device it trains on, the CPU kernels that compute it, and what the ledger records about the machine.</summary>
public sealed record RunEnvironment(Device Device, string DeviceName, int Threads, string Host, string Os, string Packages)
{
    public CpuInfo Cpu { get; init; } = CpuInfo.Parse("");
    public CpuNumerics Numerics { get; init; } = new(CpuNumerics.Fast, [], 0);
    /// <summary>The kernel level libtorch chose: "AVX2", "AVX512", "DEFAULT".</summary>
    public string CpuCapability { get; init; } = "unknown";

    /// <summary>e.g. "AMD EPYC (2 logical cores)".</summary>
    public string CpuName => $"{Cpu.Name} ({Environment.ProcessorCount} logical cores)";

    /// <summary>The GPUs of a CUDA run (null on the CPU, or when nvidia-smi cannot tell).</summary>
    public Gpus? Gpus { get; init; }

    /// <summary>What the ledger records as the run's GPUs: "none" on the CPU, else the model(s) and driver.</summary>
    public string Gpu => DeviceName == "cpu" ? "none"
        : Gpus?.ToString() ?? "CUDA (nvidia-smi did not answer: model unknown)";

    /// <summary>What the ledger records about repeatability: every random choice is a seeded stream; then it depends on the kernels.</summary>
    public string Determinism => (DeviceName, Numerics.Mode) switch
    {
        ("cpu", CpuNumerics.Portable) => "seeded streams; portable CPU kernels: the same spec and seed give the same ledger on any x64 CPU with AVX2",
        ("cpu", _) => "seeded streams; fast CPU kernels: the same spec and seed give the same ledger on this CPU model, library build and thread count",
        // TorchSharp 0.107 cannot ask for deterministic CUDA kernels: use_deterministic_algorithms
        // throws NotImplementedException (src/TorchSharp/Tensor/torch.Utilities.cs:43), and the
        // backward of attention and of the embedding add with atomics in whatever order threads finish.
        _ => "seeded streams; CUDA kernels are not deterministic: a rerun differs in the last bits, and then more; compare seeds with runner diff",
    };

    /// <summary>
    /// What decides a result's bits besides the spec and the code, for the run key: the device; on
    /// a GPU the model of the one it trains on (kernels, and so rounding, differ between
    /// architectures; how many the host has does not matter); on CPU, the
    /// numerics: portable runs compute alike on every machine at one thread count; fast runs only
    /// on the same CPU model with the same kernel settings.
    /// </summary>
    public string Kernels => DeviceName != "cpu" ? $"cuda {Gpus?.Running ?? "(model unknown)"}"
        : Numerics.Mode == CpuNumerics.Portable ? $"cpu, portable numerics, {Threads} threads"
        : $"cpu, fast numerics on {Cpu.Identity} ({Cpu.KernelFlagList}; {Numerics.SettingsText}), {Threads} threads";

    /// <summary>
    /// <see cref="Kernels"/> for a spec: on a GPU also whether its matmuls use TF32 (the spec's tf32
    /// key), e.g. "cuda NVIDIA H100 80GB HBM3, tf32": an H100 run is not an A100 run, nor a CPU one.
    /// </summary>
    public string KernelsFor(bool specTf32) => Tf32For(specTf32) ? $"{Kernels}, tf32" : Kernels;

    /// <summary>Whether matmuls run with TF32 for a spec: on a GPU as the spec says (its tf32 key), never on the CPU.</summary>
    public bool Tf32For(bool specTf32) => DeviceName == "cuda" && specTf32;

    /// <summary>
    /// Sets libtorch's process-wide TF32 switch for cuBLAS matmuls (TorchSharp 0.107
    /// torch.backends.cuda.matmul.allow_tf32, src/TorchSharp/Torch.cs:684) before a run; the CPU's
    /// kernels are left alone. TF32 keeps fp32's range with a 10-bit mantissa on the inputs of each
    /// product and accumulates in fp32.
    /// </summary>
    public void UseTf32(bool specTf32)
    {
        if (DeviceName == "cuda") torch.backends.cuda.matmul.allow_tf32 = Tf32For(specTf32);
    }

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
        var resolved = device switch
        {
            "cpu" => CPU,
            "cuda" => CudaProbe.Probe() is { Available: false, Cause: var cause }
                ? throw new RunException($"device 'cuda' was asked for, but CUDA is not usable: {cause}")
                : CUDA,
            _ => torch.cuda.is_available() ? CUDA : CPU,
        };
        torch.set_num_threads(chosen.Threads);
        bool onGpu = resolved.type == DeviceType.CUDA;
        return new RunEnvironment(resolved, onGpu ? "cuda" : "cpu", torch.get_num_threads(),
            Environment.MachineName, RuntimeInformation.OSDescription, PackageVersions())
        {
            Cpu = cpu,
            Numerics = chosen,
            CpuCapability = CpuNumerics.LibtorchCapability(),
            Gpus = onGpu ? Gpus.Query() : null,
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
