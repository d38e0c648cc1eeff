using System.Runtime.InteropServices;

namespace Runner.Engine.Native;

/// <summary>
/// Hands memory that libtorch has freed back to the operating system. glibc's malloc keeps freed
/// pages for reuse, and tensors of ever new shapes (each round's sequences are longer) leave them
/// fragmented, so a long run's resident memory creeps up with nothing live; malloc_trim returns
/// them. Measured on a 22-round tiny run: +17 % resident memory from round 2 to 20 without,
/// +8 % with. A no-op where there is no glibc.
/// </summary>
public static partial class FreedMemory
{
    public static void Release()
    {
        if (!OperatingSystem.IsLinux()) return;
        try { MallocTrim(0); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { } // musl and others: nothing to trim
    }

    [LibraryImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
