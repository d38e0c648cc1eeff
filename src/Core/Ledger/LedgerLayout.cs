namespace Runner.Core.Ledger;

/// <summary>
/// Where ledger files live: &lt;root&gt;/&lt;table&gt;/spec=&lt;spec name&gt;/part-&lt;run id&gt;-&lt;suffix&gt;.parquet.
/// The spec=... folder is hive-style partitioning, so SQL engines expose it as a "spec" column.
/// </summary>
public static class LedgerLayout
{
    public const string Extension = ".parquet";

    public static string TableFolder<T>(string root) where T : ILedgerRow => Path.Combine(root, T.TableName);

    public static string SpecFolder<T>(string root, string specName) where T : ILedgerRow =>
        Path.Combine(TableFolder<T>(root), "spec=" + CheckSegment(specName, "spec name"));

    public static string PartFile<T>(string root, string specName, string runId, string suffix) where T : ILedgerRow =>
        Path.Combine(SpecFolder<T>(root, specName),
            $"part-{CheckSegment(runId, "run id")}-{CheckSegment(suffix, "suffix")}{Extension}");

    /// <summary>Files whose name starts with "." are in-progress temp files (or hidden), never ledger data.</summary>
    public static bool IsDataFile(string path)
    {
        string name = Path.GetFileName(path);
        return !name.StartsWith('.') && name.EndsWith(Extension, StringComparison.Ordinal);
    }

    /// <summary>A ".*.tmp" file is what <see cref="LedgerWriter"/> writes before its rename; one left behind means a write was interrupted.</summary>
    public static bool IsTempFile(string path)
    {
        string name = Path.GetFileName(path);
        return name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal);
    }

    /// <summary>
    /// Where <see cref="LedgerWriter"/> writes a file before renaming it into place:
    /// ".&lt;name&gt;.&lt;writer's process id&gt;-&lt;random&gt;.tmp", hidden from readers and globs.
    /// </summary>
    public static string TempFile(string finalPath) => Path.Combine(Path.GetDirectoryName(finalPath)!,
        $".{Path.GetFileNameWithoutExtension(finalPath)}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");

    /// <summary>The process that wrote a temp file, or null for a name of another shape.</summary>
    public static int? TempFileWriter(string path)
    {
        var parts = Path.GetFileName(path).Split('.');
        return parts.Length >= 3 && int.TryParse(parts[^2].Split('-')[0], out var pid) ? pid : null;
    }

    // Names become path segments and hive partition values: keep them to a portable, unambiguous set.
    static string CheckSegment(string value, string what)
    {
        bool ok = value.Length > 0 && value[0] != '.'
            && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
        return ok ? value : throw new ArgumentException(
            $"Ledger {what} '{value}' must be non-empty, not start with '.', and use only letters, digits, '.', '_' or '-'.");
    }
}
