using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace Runner.Engine.Model.Pretrained;

/// <summary>One tensor's entry in a safetensors header: its dtype, shape and byte range in the data section.</summary>
public sealed record SafetensorsEntry(string Name, string Dtype, long[] Shape, long Begin, long End)
{
    public long Elements => Shape.Aggregate(1L, (a, b) => a * b);
}

/// <summary>
/// The safetensors format (huggingface/safetensors, docs "Format"): an 8-byte little-endian header
/// length, a JSON header naming each tensor's dtype, shape and [begin, end) offsets into the data
/// that follows, and the raw little-endian data. TorchSharp.PyBridge 1.4.4 reads it too, but only
/// into a module whose state_dict names are the file's names (HF's snake_case), throws without
/// naming the file, and reads no header alone; this reader does those, converting BF16 and F16
/// (how Llama checkpoints ship) to float32.
/// </summary>
public sealed class SafetensorsFile
{
    public string Path { get; }
    public IReadOnlyDictionary<string, SafetensorsEntry> Entries { get; }
    readonly long dataStart;

    SafetensorsFile(string path, IReadOnlyDictionary<string, SafetensorsEntry> entries, long dataStart)
    {
        Path = path;
        Entries = entries;
        this.dataStart = dataStart;
    }

    /// <summary>Reads the header only; the data stays on disk until <see cref="Read"/>.</summary>
    public static SafetensorsFile Open(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> lengthBytes = stackalloc byte[8];
        if (stream.Read(lengthBytes) != 8) throw new PretrainedException($"{path}: not a safetensors file (shorter than its 8-byte header length)");
        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(lengthBytes);
        if (headerLength <= 0 || headerLength > stream.Length - 8)
            throw new PretrainedException($"{path}: not a safetensors file (header length {headerLength} of a {stream.Length}-byte file)");
        var header = new byte[headerLength];
        stream.ReadExactly(header);
        JsonObject json;
        try { json = JsonNode.Parse(header)?.AsObject() ?? throw new JsonException("empty"); }
        catch (JsonException e) { throw new PretrainedException($"{path}: the safetensors header is not JSON ({e.Message})"); }
        long dataLength = stream.Length - 8 - headerLength;
        var entries = new Dictionary<string, SafetensorsEntry>();
        foreach (var (name, node) in json)
        {
            if (name == "__metadata__") continue;
            try
            {
                var o = node!.AsObject();
                var offsets = o["data_offsets"]!.AsArray().Select(n => n!.GetValue<long>()).ToArray();
                var entry = new SafetensorsEntry(name, o["dtype"]!.GetValue<string>(),
                    o["shape"]!.AsArray().Select(n => n!.GetValue<long>()).ToArray(), offsets[0], offsets[1]);
                if (entry.End > dataLength || entry.End - entry.Begin != entry.Elements * BytesPer(entry.Dtype, path, name))
                    throw new PretrainedException($"{path}: tensor '{name}' has offsets {entry.Begin}-{entry.End} that do not fit its shape [{string.Join(", ", entry.Shape)}] of {entry.Dtype} in {dataLength} bytes of data");
                entries[name] = entry;
            }
            catch (Exception e) when (e is NullReferenceException or InvalidOperationException or IndexOutOfRangeException or FormatException)
            {
                throw new PretrainedException($"{path}: tensor '{name}' has no valid dtype, shape and data_offsets in the header");
            }
        }
        return new SafetensorsFile(path, entries, 8 + headerLength);
    }

    static int BytesPer(string dtype, string path, string name) => dtype switch
    {
        "F32" => 4,
        "BF16" or "F16" => 2,
        _ => throw new PretrainedException($"{path}: tensor '{name}' is {dtype}; Runner reads F32, BF16 and F16"),
    };

    /// <summary>The tensor as float32 on the CPU.</summary>
    public Tensor Read(string name)
    {
        var entry = Entries[name];
        var bytes = new byte[entry.End - entry.Begin];
        using (var stream = File.OpenRead(Path))
        {
            stream.Seek(dataStart + entry.Begin, SeekOrigin.Begin);
            stream.ReadExactly(bytes);
        }
        var values = new float[entry.Elements];
        switch (entry.Dtype)
        {
            case "F32":
                MemoryMarshal.Cast<byte, float>(bytes).CopyTo(values);
                break;
            case "BF16":
                // bfloat16 is the top half of a float32.
                var bf = MemoryMarshal.Cast<byte, ushort>(bytes);
                for (int i = 0; i < values.Length; i++) values[i] = BitConverter.Int32BitsToSingle(bf[i] << 16);
                break;
            case "F16":
                var half = MemoryMarshal.Cast<byte, Half>(bytes);
                for (int i = 0; i < values.Length; i++) values[i] = (float)half[i];
                break;
        }
        return tensor(values, entry.Shape);
    }

    /// <summary>
    /// Writes the tensors as F32, in the given order, the header padded with spaces to a multiple
    /// of 8 bytes as the reference writer does; metadata goes under "__metadata__" (HF writes
    /// {"format": "pt"}).
    /// </summary>
    public static void Write(string path, IEnumerable<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var list = tensors.Select(t => (t.Name, Values: Floats(t.Tensor), Shape: t.Tensor.shape)).ToList();
        var header = new JsonObject();
        if (metadata is not null) header["__metadata__"] = new JsonObject(metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value)));
        long offset = 0;
        foreach (var (name, values, shape) in list)
        {
            long end = offset + 4L * values.Length;
            header[name] = new JsonObject
            {
                ["dtype"] = "F32",
                ["shape"] = new JsonArray(shape.Select(s => (JsonNode?)s).ToArray()),
                ["data_offsets"] = new JsonArray(offset, end),
            };
            offset = end;
        }
        var headerBytes = System.Text.Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (headerBytes.Length + 7) / 8 * 8;
        using var stream = File.Create(path);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, padded);
        stream.Write(length);
        stream.Write(headerBytes);
        for (int i = headerBytes.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var (_, values, _) in list) stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    static float[] Floats(Tensor t)
    {
        using var host = t.detach().to(ScalarType.Float32).cpu().contiguous();
        return host.data<float>().ToArray();
    }
}
