using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Engine.Runs;

/// <summary>Where a run executes: the device it trains on and what the ledger records about the machine.</summary>
public sealed record RunEnvironment(Device Device, string DeviceName, int Threads, string Host, string Os, string Packages)
{
    public string Cpu { get; init; } = "unknown";

    /// <summary>The GPUs of a CUDA run (null on the CPU, or when nvidia-smi cannot tell).</summary>
    public Gpus? Gpus { get; init; }

    /// <summary>What the ledger records as the run's GPUs: "none" on the CPU, else the model(s) and driver.</summary>
    public string Gpu => DeviceName == "cpu" ? "none"
        : Gpus?.ToString() ?? "CUDA (nvidia-smi did not answer: model unknown)";

    /// <summary>
    /// What the ledger records about repeatability. Every random choice is a seeded stream and CPU
    /// kernels repeat bit for bit. CUDA kernels do not: atomic adds in the backward of attention and
    /// of the embedding, and cuBLAS's split reductions, sum in a varying order, and TorchSharp 0.107
    /// cannot ask for deterministic ones (use_deterministic_algorithms throws NotImplementedException,
    /// src/TorchSharp/Tensor/torch.Utilities.cs:43).
    /// </summary>
    public string Determinism => DeviceName == "cpu"
        ? "seeded streams; CPU kernels: same spec and seed give the same ledger"
        : "seeded streams; CUDA kernels are not deterministic: a rerun differs in the last bits, and then more; compare seeds with runner diff";

    /// <summary>
    /// The device as run keys see it: "cpu", or on a GPU its model and whether matmuls use TF32
    /// ("cuda NVIDIA H100 80GB HBM3, tf32"): an H100 run is not an A100 run, nor a CPU one.
    /// </summary>
    public string KeyDevice(bool tf32) => DeviceName == "cpu" ? "cpu"
        : $"cuda {Gpus?.ModelText ?? "(model unknown)"}{(tf32 ? ", tf32" : "")}";

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
        bool onGpu = resolved.type == DeviceType.CUDA;
        return new RunEnvironment(resolved, onGpu ? "cuda" : "cpu", torch.get_num_threads(),
            Environment.MachineName, RuntimeInformation.OSDescription, PackageVersions())
        {
            Cpu = CpuName(),
            Gpus = onGpu ? Gpus.Query() : null,
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
