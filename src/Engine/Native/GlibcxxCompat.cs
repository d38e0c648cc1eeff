using System.Runtime.CompilerServices;

namespace Runner.Engine.Native;

/// <summary>
/// TorchSharp 0.107's libLibTorchSharp.so asks for GLIBCXX_3.4.32 (for one symbol,
/// std::ios_base_library_init, that nothing relocates), but Debian 12's libstdc++ stops at
/// 3.4.30, and the loader then fails with a misleading "doesn't contain a reference to
/// libtorch" error. Marking that version need weak (VER_FLG_WEAK, two bytes in the ELF
/// .gnu.version_r section) lets the library load. MSBuild re-copies the original on every
/// build, so this runs at start-up, before TorchSharp loads, on every copy next to the app.
/// </summary>
public static class GlibcxxCompat
{
    public const string MissingVersion = "GLIBCXX_3.4.32";
    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;

    // A library module initializer is deliberate (CA2255): it must run before any TorchSharp call, whoever the host is (runner, tests).
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void PatchOnLoad()
    {
        if (!OperatingSystem.IsLinux()) return;
        foreach (var library in FindLibTorchSharp(AppContext.BaseDirectory))
        {
            try { MakeVersionNeedWeak(library, MissingVersion); }
            catch (IOException) { } // read-only install: nothing we can do; torch reports its own error
            catch (UnauthorizedAccessException) { }
        }
    }

    public static IEnumerable<string> FindLibTorchSharp(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "libLibTorchSharp.so", SearchOption.AllDirectories)
            : [];

    /// <summary>Returns the vna_flags of <paramref name="version"/> in the file's version needs, or null.</summary>
    public static ushort? VersionNeedFlags(string path, string version)
    {
        using var file = File.OpenRead(path);
        var offset = FindVernauxFlagsOffset(file, version);
        if (offset is null) return null;
        return ReadUInt16(file, offset.Value);
    }

    /// <summary>Sets VER_FLG_WEAK on a version need; true when the file was changed.</summary>
    public static bool MakeVersionNeedWeak(string path, string version) =>
        VersionNeedFlags(path, version) is ushort flags && (flags & VerFlgWeak) == 0
        && SetVersionNeedFlags(path, version, (ushort)(flags | VerFlgWeak));

    /// <summary>Overwrites the vna_flags of a version need; false when the file has no such need.</summary>
    public static bool SetVersionNeedFlags(string path, string version, ushort flags)
    {
        using var file = File.Open(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        if (FindVernauxFlagsOffset(file, version) is not long offset) return false;
        file.Position = offset;
        file.Write([(byte)flags, (byte)(flags >> 8)]);
        return true;
    }

    // ELF64 little-endian only: the one layout TorchSharp ships for linux-x64.
    static long? FindVernauxFlagsOffset(FileStream file, string version)
    {
        Span<byte> ident = stackalloc byte[6];
        file.Position = 0;
        if (file.Read(ident) != 6 || ident[0] != 0x7f || ident[1] != (byte)'E' || ident[2] != (byte)'L'
            || ident[3] != (byte)'F' || ident[4] != 2 || ident[5] != 1)
            return null;
        long sectionHeaders = (long)ReadUInt64(file, 0x28);
        int headerSize = ReadUInt16(file, 0x3A);
        int sectionCount = ReadUInt16(file, 0x3C);
        for (int i = 0; i < sectionCount; i++)
        {
            long header = sectionHeaders + (long)i * headerSize;
            if (ReadUInt32(file, header + 4) != ShtGnuVerneed) continue;
            long verneed = (long)ReadUInt64(file, header + 0x18);
            uint stringTableIndex = ReadUInt32(file, header + 0x28);
            uint needCount = ReadUInt32(file, header + 0x2C);
            long strings = (long)ReadUInt64(file, sectionHeaders + stringTableIndex * headerSize + 0x18);
            long need = verneed;
            for (uint n = 0; n < needCount; n++)
            {
                int auxCount = ReadUInt16(file, need + 2);
                long aux = need + ReadUInt32(file, need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    if (ReadCString(file, strings + ReadUInt32(file, aux + 8)) == version) return aux + 4;
                    aux += ReadUInt32(file, aux + 12);
                }
                need += ReadUInt32(file, need + 12);
            }
        }
        return null;
    }

    static ushort ReadUInt16(FileStream f, long at) => (ushort)ReadLittleEndian(f, at, 2);
    static uint ReadUInt32(FileStream f, long at) => (uint)ReadLittleEndian(f, at, 4);
    static ulong ReadUInt64(FileStream f, long at) => ReadLittleEndian(f, at, 8);

    static ulong ReadLittleEndian(FileStream f, long at, int size)
    {
        Span<byte> buffer = stackalloc byte[8];
        f.Position = at;
        f.ReadExactly(buffer[..size]);
        ulong value = 0;
        for (int i = size - 1; i >= 0; i--) value = (value << 8) | buffer[i];
        return value;
    }

    static string ReadCString(FileStream f, long at)
    {
        f.Position = at;
        var bytes = new List<byte>();
        for (int b = f.ReadByte(); b > 0; b = f.ReadByte()) bytes.Add((byte)b);
        return System.Text.Encoding.ASCII.GetString(bytes.ToArray());
    }
}
