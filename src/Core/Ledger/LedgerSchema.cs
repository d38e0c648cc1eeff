using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace Runner.Core.Ledger;

/// <summary>
/// The columns a table's files must have. A file is checked before its rows are read, so a file
/// of another table (or a foreign one) is refused by name rather than read as whatever the
/// serializer makes of it: rows of defaults, a difficulty 0, a run from year 1.
/// </summary>
public static class LedgerSchema
{
    /// <summary>
    /// The schema_version every row type writes. 3 added the runs table's numerics, CPU
    /// and tf32 columns; files of version 2 lack them and read with their defaults (<see cref="SinceSchemaAttribute"/>).
    /// </summary>
    public const int Version = 3;

    /// <summary>The versions this runner reads.</summary>
    public const int OldestReadable = 2;

    /// <summary>How <paramref name="actual"/> differs from table <typeparamref name="T"/>'s columns, or null when it does not.</summary>
    public static string? Difference<T>(ParquetSchema actual) where T : ILedgerRow
    {
        var want = typeof(T).GetParquetSchema(forWriting: true).DataFields.ToDictionary(f => f.Name, f => f.ClrType);
        var have = actual.DataFields.ToDictionary(f => f.Name, f => f.ClrType);
        var differences = new List<string>();
        // A column added since an older file was written is not missing from that file.
        var added = typeof(T).GetProperties().Where(p => p.GetCustomAttributes(typeof(SinceSchemaAttribute), false).Length > 0)
            .Select(p => p.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute), false)
                .Cast<System.Text.Json.Serialization.JsonPropertyNameAttribute>().Single().Name).ToHashSet();
        if (want.Keys.Except(have.Keys).Where(k => !added.Contains(k)).ToList() is { Count: > 0 } missing)
            differences.Add("missing " + string.Join(", ", missing));
        if (have.Keys.Except(want.Keys).ToList() is { Count: > 0 } unexpected)
            differences.Add("unexpected " + string.Join(", ", unexpected));
        differences.AddRange(want.Where(w => have.TryGetValue(w.Key, out var t) && t != w.Value)
            .Select(w => $"{w.Key} is {TypeName(have[w.Key])}, expected {TypeName(w.Value)}"));
        return differences.Count == 0 ? null : $"columns do not match the {T.TableName} table: {string.Join("; ", differences)}";
    }

    /// <summary>The rows of one file of table <typeparamref name="T"/>; throws <see cref="InvalidDataException"/> when its columns are another's.</summary>
    public static async Task<IList<T>> ReadAsync<T>(Stream seekable, CancellationToken ct) where T : class, ILedgerRow, new()
    {
        await using (var reader = await ParquetReader.CreateAsync(seekable, leaveStreamOpen: true, cancellationToken: ct))
            if (Difference<T>(reader.Schema) is { } difference)
                throw new InvalidDataException(difference);
        seekable.Position = 0;
        return (await ParquetSerializer.DeserializeAsync<T>(seekable, cancellationToken: ct)).Data;
    }

    // Parquet.Net describes string columns as ReadOnlyMemory<char>.
    static string TypeName(Type type) => type == typeof(ReadOnlyMemory<char>) ? "String" : type.Name;
}
