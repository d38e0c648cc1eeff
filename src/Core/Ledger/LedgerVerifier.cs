using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace Runner.Core.Ledger;

/// <summary>
/// Checks that a ledger folder holds only what <see cref="LedgerWriter"/> writes: known table
/// folders with spec= partitions, whole Parquet files with their table's columns, a known
/// schema_version, rows that belong to their partition's spec, no key twice, and no temp file
/// left by an interrupted write. Every problem is reported; none stops the check.
/// </summary>
public static class LedgerVerifier
{
    const string SpecPrefix = "spec=";

    public static async Task<LedgerVerification> VerifyAsync(string root, CancellationToken ct = default)
    {
        if (!Directory.Exists(root))
            return new LedgerVerification(0, 0, [new LedgerProblem(root, "no such folder")]);

        TableCheck[] tables =
        [
            new TableCheck<RunRow>(r => $"run_id={r.RunId}"),
            new TableCheck<RoundRow>(r => $"run_id={r.RunId}, round={r.Round}"),
            new TableCheck<EvaluationRow>(r => $"run_id={r.RunId}, round={r.Round}, difficulty={LedgerDifficulty.Of(r.Difficulty, r.DifficultyB)}, member={r.Member}"),
            // Labels have no key: a round may draw the same prompt twice.
            new TableCheck<LabelRow>(key: null),
            new TableCheck<StepRow>(r => $"run_id={r.RunId}, round={r.Round}, step={r.Step}"),
            new TableCheck<RescoreRow>(r => $"run_id={r.RunId}, settings={r.Settings}, round={r.Round}, difficulty={LedgerDifficulty.Of(r.Difficulty, r.DifficultyB)}, member={r.Member}"),
            new TableCheck<MetricRow>(r => $"run_id={r.RunId}, round={r.Round}, difficulty={(r.Difficulty is int d ? LedgerDifficulty.Of(d, r.DifficultyB).ToString() : "none")}, member={r.Member?.ToString() ?? "none"}, metric={r.Metric}"),
        ];
        var problems = new List<LedgerProblem>();
        var notFetched = new List<string>();
        int files = 0;
        long rows = 0;
        // A README at the root documents the folder (the repository ships one); anything else there is stray.
        foreach (string file in Sorted(Directory.EnumerateFiles(root)).Where(f => Path.GetFileName(f) != "README.md"))
        {
            files++;
            problems.Add(new(file, StrayFileMessage(file)));
        }
        foreach (string folder in Sorted(Directory.EnumerateDirectories(root)))
        {
            TableCheck? table = tables.FirstOrDefault(t => t.Name == Path.GetFileName(folder));
            if (table is null)
            {
                problems.Add(new(folder, $"unknown table folder (tables are {string.Join(", ", tables.Select(t => t.Name))})"));
                continue;
            }
            foreach (string file in Sorted(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)))
            {
                files++;
                string[] parts = Path.GetRelativePath(folder, file).Split(Path.DirectorySeparatorChar);
                if (parts is [var partition, _] && partition.StartsWith(SpecPrefix, StringComparison.Ordinal) && LedgerLayout.IsDataFile(file))
                {
                    // A pointer is a file not fetched (git lfs pull), told apart from one that is there and corrupt.
                    if (GitLfsPointer.IsPointer(file)) notFetched.Add(file);
                    else rows += await table.CheckAsync(file, partition[SpecPrefix.Length..], problems, ct);
                }
                else
                    problems.Add(new(file, StrayFileMessage(file)));
            }
        }
        return new LedgerVerification(files, rows, problems) { NotFetched = notFetched };
    }

    static IEnumerable<string> Sorted(IEnumerable<string> paths) => paths.Order(StringComparer.Ordinal);

    static string StrayFileMessage(string file) =>
        LedgerLayout.IsTempFile(file) ? "temporary file left by an interrupted write"
        : Path.GetFileName(file) == CompactionJournal.Name ? "journal of an interrupted compaction (readers skip the files it merged): run `runner ledger compact` to finish it"
        : $"not a ledger file (expected <table>/{SpecPrefix}<name>/*{LedgerLayout.Extension})";

    abstract class TableCheck
    {
        public abstract string Name { get; }

        /// <summary>Checks one data file of the table and returns how many rows it holds (0 if unreadable).</summary>
        public abstract Task<long> CheckAsync(string path, string spec, List<LedgerProblem> problems, CancellationToken ct);
    }

    sealed class TableCheck<T>(Func<T, string>? key) : TableCheck where T : class, ILedgerRow, new()
    {
        // The first file of every key, so a duplicate names both files.
        readonly Dictionary<string, string> firstFileOfKey = new(StringComparer.Ordinal);

        public override string Name => T.TableName;

        public override async Task<long> CheckAsync(string path, string spec, List<LedgerProblem> problems, CancellationToken ct)
        {
            IList<T> rows;
            try
            {
                await using var stream = File.OpenRead(path);
                await using (var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: ct))
                {
                    // Columns first, so a file of another table is reported as such, not as whatever the serializer makes of it.
                    if (LedgerSchema.Difference<T>(reader.Schema) is { } difference)
                    {
                        problems.Add(new(path, difference));
                        return 0;
                    }
                }
                stream.Position = 0;
                rows = (await ParquetSerializer.DeserializeAsync<T>(stream, cancellationToken: ct)).Data;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A truncated or corrupt file is a finding about that file, not a reason to stop.
                problems.Add(new(path, $"cannot read as Parquet: {e.Message.Split('\n')[0].Trim()}"));
                return 0;
            }

            var versions = rows.Select(r => r.SchemaVersion).Where(v => v is < LedgerSchema.OldestReadable or > LedgerSchema.Version).Distinct().Order().ToList();
            if (versions.Count > 0)
                problems.Add(new(path, $"schema_version {string.Join(", ", versions)} is not one this runner knows ({LedgerSchema.OldestReadable}-{LedgerSchema.Version})"));

            var specs = rows.Select(r => r.SpecName).Where(s => s != spec).Distinct().Order(StringComparer.Ordinal).ToList();
            if (specs.Count > 0)
                problems.Add(new(path, $"rows of spec_name {string.Join(", ", specs.Select(s => $"'{s}'"))} in folder {SpecPrefix}{spec}"));

            if (key is not null)
                CheckKeys(path, rows, key, problems);
            return rows.Count;
        }

        void CheckKeys(string path, IEnumerable<T> rows, Func<T, string> key, List<LedgerProblem> problems)
        {
            var duplicates = new List<(string Key, string FirstFile)>();
            foreach (T row in rows)
            {
                string k = key(row);
                if (!firstFileOfKey.TryAdd(k, path))
                    duplicates.Add((k, firstFileOfKey[k]));
            }
            if (duplicates.Count == 0)
                return;
            var (first, firstFile) = duplicates[0];
            string more = duplicates.Count > 1 ? $" and {duplicates.Count - 1} more" : "";
            problems.Add(new(path, $"duplicate {Name} key {first}{more} (first in {(firstFile == path ? "this file" : firstFile)})"));
        }
    }
}
