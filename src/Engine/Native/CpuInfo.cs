using System.Runtime.InteropServices;

namespace Runner.Engine.Native;

/// <summary>
/// The processor as /proc/cpuinfo describes it: enough to tell two machines apart in the ledger
/// (vendor, family, model) and to say which vector instructions their kernels could use.
/// </summary>
public sealed record CpuInfo(string Name, string Vendor, string Family, string Model, IReadOnlySet<string> Flags)
{
    /// <summary>The instruction sets that decide which CPU kernels libtorch, MKL and oneDNN may pick.</summary>
    public static readonly string[] KernelFlags = ["avx2", "fma", "avx512f", "avx512_bf16", "avx512_vnni", "amx_tile", "amx_bf16"];

    /// <summary>e.g. "AuthenticAMD family 26 model 2".</summary>
    public string Identity => $"{Vendor} family {Family} model {Model}";

    /// <summary>The kernel-relevant flags this CPU has, in <see cref="KernelFlags"/> order, e.g. "avx2 fma avx512f".</summary>
    public string KernelFlagList => string.Join(' ', KernelFlags.Where(Flags.Contains));

    /// <summary>AVX2 with FMA: what libtorch's AVX2 kernels need, so what portable numerics pins to.</summary>
    public bool HasAvx2 => Flags.Contains("avx2") && Flags.Contains("fma");

    public static CpuInfo Read(string path = "/proc/cpuinfo") =>
        File.Exists(path) ? Parse(File.ReadAllText(path)) : new CpuInfo(RuntimeInformation.ProcessArchitecture.ToString(), "unknown", "?", "?", new HashSet<string>());

    /// <summary>Reads the first processor's block; every core of a machine reports the same.</summary>
    public static CpuInfo Parse(string cpuinfo)
    {
        var fields = new Dictionary<string, string>();
        foreach (var line in cpuinfo.Split('\n'))
        {
            if (line.Trim().Length == 0 && fields.Count > 0) break;
            int colon = line.IndexOf(':');
            if (colon > 0) fields.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
        }
        string Field(string name) => fields.TryGetValue(name, out var value) && value.Length > 0 ? value : "?";
        var flags = Field("flags").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        return new CpuInfo(Field("model name"), Field("vendor_id"), Field("cpu family"), Field("model"), flags);
    }
}
