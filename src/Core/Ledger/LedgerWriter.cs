using Parquet.Serialization;

namespace Runner.Core.Ledger;

/// <summary>
/// Appends batches of rows to the ledger, one new Parquet file per batch. Files are never
/// modified or replaced once written, so readers (and a crash) only ever see whole files.
/// </summary>
public sealed class LedgerWriter(string root)
{
    public string Root { get; } = root;

    /// <summary>
    /// Writes <paramref name="rows"/> (all of one run) as &lt;root&gt;/&lt;table&gt;/spec=&lt;spec&gt;/part-&lt;run id&gt;-&lt;suffix&gt;.parquet
    /// and returns its path. <paramref name="suffix"/> tells batches of a run apart, e.g. "r003" or "run".
    /// Throws <see cref="LedgerException"/> if that file already exists.
    /// </summary>
    public async Task<string> WriteAsync<T>(IReadOnlyCollection<T> rows, string suffix, CancellationToken ct = default)
        where T : class, ILedgerRow, new()
    {
        if (rows.Count == 0)
            throw new ArgumentException($"Nothing to write to the {T.TableName} table: the batch is empty.", nameof(rows));
        T first = rows.First();
        if (rows.Any(r => r.SpecName != first.SpecName || r.RunId != first.RunId))
            throw new ArgumentException($"A {T.TableName} batch must hold rows of one spec and one run.", nameof(rows));

        return await WriteFileAsync(rows, LedgerLayout.PartFile<T>(Root, first.SpecName, first.RunId, suffix), ct);
    }

    /// <summary>A new path for rows of many runs of one spec in one file (what compaction produces): part-compacted-&lt;UTC time&gt;-&lt;random&gt;-all.parquet.</summary>
    public string CompactedPath<T>(string specName) where T : ILedgerRow =>
        LedgerLayout.PartFile<T>(Root, specName, $"compacted-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}", "all");

    /// <summary>Writes rows of one spec, of any runs, at <paramref name="path"/> (from <see cref="CompactedPath{T}"/>), atomically.</summary>
    public Task<string> WriteAtAsync<T>(IReadOnlyCollection<T> rows, string path, CancellationToken ct = default)
        where T : class, ILedgerRow, new() => WriteFileAsync(rows, path, ct);

    async Task<string> WriteFileAsync<T>(IReadOnlyCollection<T> rows, string finalPath, CancellationToken ct)
        where T : class, ILedgerRow, new()
    {
        if (File.Exists(finalPath))
            throw new LedgerException($"Ledger file already exists, refusing to overwrite: {finalPath}");

        string folder = Path.GetDirectoryName(finalPath)!;
        Directory.CreateDirectory(folder);
        // Same folder as the final file so the move is a rename on one file system; the leading "." hides it from readers.
        string tempPath = LedgerLayout.TempFile(finalPath);
        try
        {
            await using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await ParquetSerializer.SerializeAsync(rows, stream, cancellationToken: ct);
                // Data must be on disk before the rename makes the file visible, or a power cut could publish an empty file.
                stream.Flush(flushToDisk: true);
            }
            try
            {
                File.Move(tempPath, finalPath, overwrite: false);
            }
            catch (IOException e) when (File.Exists(finalPath))
            {
                throw new LedgerException($"Ledger file already exists, refusing to overwrite: {finalPath}", e);
            }
        }
        finally
        {
            if (File.Exists(tempPath))
                File.Delete(tempPath);
        }
        return finalPath;
    }
}
