using System.Runtime.InteropServices;

namespace Runner.Engine.Native;

/// <summary>
/// Which CPU kernels compute a run. libtorch picks its vectorised kernels by what the processor
/// offers (AVX-512 here, AVX2 there), and the MKL and oneDNN linked into it pick their own code
/// paths; each rounds differently, and a self-improvement run amplifies the last bit into
/// different labels. So the same spec and seed used to give different ledgers on two machines.
/// <para>
/// <c>portable</c> (the default) pins every choice before libtorch loads: libtorch's kernels to
/// AVX2, MKL to its COMPATIBLE branch (the one branch Intel documents as giving the same results
/// on Intel and non-Intel processors; measured on an AMD EPYC: MKL_CBWR=AVX2 runs as AUTO there),
/// oneDNN to AVX2, and the thread count to a fixed number (MKL's reproducible branches split work
/// by thread count: 1, 3 or 16 threads gave other results than 2). <c>fast</c> leaves every choice
/// to the libraries and the inherited environment: faster, repeatable on this machine only.
/// </para>
/// These settings are read by native code through getenv, which .NET's
/// Environment.SetEnvironmentVariable does not reach on Linux: they are set with libc's setenv.
/// </summary>
public sealed record CpuNumerics(string Mode, IReadOnlyList<(string Name, string? Value)> Settings, int Threads)
{
    public const string Portable = "portable";
    public const string Fast = "fast";

    /// <summary>The thread count of portable numerics unless the user names one: two cores are what the CPU specs are measured on.</summary>
    public const int PortableThreads = 2;

    /// <summary>The settings portable numerics pins, in the order they are recorded.</summary>
    public static readonly IReadOnlyList<(string Name, string Value)> Pinned =
    [
        ("ATEN_CPU_CAPABILITY", "avx2"),
        ("MKL_CBWR", "COMPATIBLE"),
        ("ONEDNN_MAX_CPU_ISA", "AVX2"),
    ];

    /// <summary>e.g. "ATEN_CPU_CAPABILITY=avx2 MKL_CBWR=COMPATIBLE ONEDNN_MAX_CPU_ISA=AVX2" (a setting left unset shows as "(unset)").</summary>
    public string SettingsText => string.Join(' ', Settings.Select(s => $"{s.Name}={s.Value ?? "(unset)"}"));

    /// <summary>e.g. "portable (ATEN_CPU_CAPABILITY=avx2 ..., 2 threads)".</summary>
    public override string ToString() => $"{Mode} ({SettingsText}, {Threads} threads)";

    /// <summary>
    /// Sets the environment libtorch reads for <paramref name="mode"/> and returns what is in
    /// effect, with the thread count to use (<paramref name="threads"/> when above 0, else the
    /// mode's default). Must run before libtorch loads: afterwards the choice is made, so asking
    /// for other settings then is an error rather than a silent no-op.
    /// </summary>
    public static CpuNumerics Apply(string mode, int threads)
    {
        if (mode is not (Portable or Fast)) throw new ArgumentException($"unknown numerics '{mode}' (expected {Portable} or {Fast})", nameof(mode));
        if (mode == Portable && !LibtorchLoaded())
            foreach (var (name, value) in Pinned)
                if (setenv(name, value, overwrite: 1) != 0) throw new InvalidOperationException($"setenv {name} failed");
        var inEffect = Pinned.Select(p => (p.Name, Get(p.Name))).ToList();
        if (mode == Portable && inEffect.Any(s => s.Item2 != Pinned.First(p => p.Name == s.Name).Value))
            throw new InvalidOperationException(
                $"portable numerics must be chosen before libtorch loads, and libtorch is loaded with {string.Join(' ', inEffect.Select(s => $"{s.Name}={s.Item2 ?? "(unset)"}"))}");
        return new CpuNumerics(mode, inEffect, threads > 0 ? threads : mode == Portable ? PortableThreads : Environment.ProcessorCount);
    }

    /// <summary>
    /// The kernel level libtorch chose ("AVX2", "AVX512", "DEFAULT"), as at::get_cpu_capability()
    /// reports it (torch.backends.cpu.get_cpu_capability() in Python), or "unknown" when this
    /// libtorch does not export it. Call it once libtorch is loaded.
    /// </summary>
    public static unsafe string LibtorchCapability()
    {
        const string Symbol = "_ZN2at18get_cpu_capabilityB5cxx11Ev"; // std::string at::get_cpu_capability()
        if (LoadedLibrary("libtorch_cpu.so") is not { } path || !NativeLibrary.TryLoad(path, out var library)) return "unknown";
        if (!NativeLibrary.TryGetExport(library, Symbol, out var function)) return "unknown";
        // The result is a libstdc++ std::string returned through a hidden pointer: { char* data;
        // size_t size; char local[16] }. A capability name fits the local buffer, so nothing is
        // allocated that would need freeing.
        var result = stackalloc byte[32];
        ((delegate* unmanaged[Cdecl]<byte*, byte*>)function)(result);
        var data = *(byte**)result;
        long size = *(long*)(result + 8);
        return size is > 0 and < 16 ? System.Text.Encoding.ASCII.GetString(data, (int)size) : "unknown";
    }

    /// <summary>Whether libtorch is already in this process (its settings were then read when it loaded).</summary>
    public static bool LibtorchLoaded() => LoadedLibrary("libtorch_cpu.so") is not null;

    static string? LoadedLibrary(string fileName)
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return null;
        return File.ReadLines(maps).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && Path.GetFileName(fields[^1]) == fileName)
            .Select(fields => fields[^1]).FirstOrDefault();
    }

    static string? Get(string name) => getenv(name) is var value && value != IntPtr.Zero ? Marshal.PtrToStringUTF8(value) : null;

    [DllImport("libc", SetLastError = true)]
    static extern int setenv(string name, string value, int overwrite);

    [DllImport("libc")]
    static extern IntPtr getenv(string name);
}
