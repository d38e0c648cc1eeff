using System.Buffers.Binary;

namespace Runner.Reports.Figures;

/// <summary>
/// Records a PNG's resolution in a pHYs chunk (pixels per metre, PNG spec section 11.3.5.3),
/// which Skia's encoder leaves out: without it LaTeX and word processors assume 72 or 96 dpi and
/// place a 300 dpi figure three or four times too large.
/// </summary>
public static class PngResolution
{
    const int SignatureLength = 8;

    public static byte[] WithDpi(byte[] png, int dpi)
    {
        // IHDR is always first: signature, then length (4), type (4), 13 data bytes, CRC (4).
        int afterHeader = SignatureLength + 4 + 4 + 13 + 4;
        uint perMetre = (uint)Math.Round(dpi / 0.0254);
        var data = new byte[9];
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(0), perMetre);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(4), perMetre);
        data[8] = 1; // unit: metre
        var chunk = Chunk("pHYs"u8, data);
        return [.. png.AsSpan(0, afterHeader), .. chunk, .. png.AsSpan(afterHeader)];
    }

    /// <summary>The dots per inch a PNG's pHYs chunk records, or null when it has none (or its unit is not the metre).</summary>
    public static double? Dpi(byte[] png)
    {
        int at = SignatureLength;
        while (at + 8 <= png.Length)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            var type = png.AsSpan(at + 4, 4);
            if (type.SequenceEqual("pHYs"u8))
                return png[at + 16] == 1 ? BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8)) * 0.0254 : null;
            if (type.SequenceEqual("IDAT"u8)) return null;
            at += 12 + length;
        }
        return null;
    }

    static byte[] Chunk(ReadOnlySpan<byte> type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        type.CopyTo(chunk.AsSpan(4));
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>The CRC-32 every PNG chunk ends with (ISO 3309, the zlib polynomial), over its type and data.</summary>
    static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
