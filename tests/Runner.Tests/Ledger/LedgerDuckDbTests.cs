using NUnit.Framework;
using Runner.Core.Ledger;

namespace Runner.Tests.Ledger;

/// <summary>The ledger is meant to be queried with SQL: DuckDB must read it with snake_case columns and the hive "spec" column.</summary>
public class LedgerDuckDbTests
{
    string _dir = "";
    string Root => Path.Combine(_dir, "ledger");

    [SetUp] public void SetUp() => _dir = Directory.CreateTempSubdirectory("runner-ledger-").FullName;
    [TearDown] public void TearDown() => Directory.Delete(_dir, recursive: true);

    string Glob(string table) => Path.Combine(Root, table, "**", "*.parquet").Replace("'", "''");

    static List<object[]> Query(string sql) => DuckDb.Query(sql);

    [Test]
    public async Task RoundsAreQueryableWithHivePartitioning()
    {
        var writer = new LedgerWriter(Root);
        for (int r = 0; r < 3; r++)
            await writer.WriteAsync([LedgerSamples.Round("add", "run1", r)], $"r{r:000}");
        await writer.WriteAsync([LedgerSamples.Round("copy", "run2", 0), LedgerSamples.Round("copy", "run2", 1)], "r001");

        var rows = Query($"""
            SELECT spec, count(*), count(DISTINCT run_id), max(round), sum(labels_kept)::BIGINT,
                   count(*) FILTER (WHERE isnan(label_accuracy_kept)), min(spec_name), max(frontier)
            FROM read_parquet('{Glob("rounds")}', hive_partitioning = true)
            GROUP BY spec ORDER BY spec
            """);

        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[0], Is.EqualTo(new object[] { "add", 3L, 1L, 2, 1800L, 1L, "add", 12 }));
        Assert.That(rows[1], Is.EqualTo(new object[] { "copy", 2L, 1L, 1, 900L, 1L, "copy", 11 }));

        var total = Query($"SELECT count(*) FROM read_parquet('{Glob("rounds")}', hive_partitioning = true)");
        Assert.That(total.Single()[0], Is.EqualTo(5L));
    }

    [Test]
    public async Task OtherTablesHaveSnakeCaseColumnsAndRealTimestamps()
    {
        var writer = new LedgerWriter(Root);
        await writer.WriteAsync([LedgerSamples.Run("add", "run1")], "run");
        await writer.WriteAsync(Enumerable.Range(1, 4).Select(d => LedgerSamples.Evaluation("add", "run1", 1, d)).ToArray(), "r001");
        await writer.WriteAsync(Enumerable.Range(0, 30).Select(i => LedgerSamples.Label("add", "run1", 1, i)).ToArray(), "r001");

        var run = Query($"""
            SELECT spec, run_id, git_sha, git_dirty, threads, typeof(started_utc),
                   epoch_us(started_utc), epoch_us(ended_utc) - epoch_us(started_utc), status
            FROM read_parquet('{Glob("runs")}', hive_partitioning = true)
            """).Single();
        long startedUs = (LedgerSamples.Started - DateTime.UnixEpoch).Ticks / 10;
        Assert.That(run, Is.EqualTo(new object[]
        {
            "add", "run1", LedgerSamples.Sha, true, 2, "TIMESTAMP WITH TIME ZONE", startedUs, 90L * 60 * 1_000_000, "completed",
        }));

        var evaluations = Query($"""
            SELECT count(*), sum(examples)::BIGINT, sum(correct)::BIGINT, min(difficulty), max(difficulty)
            FROM read_parquet('{Glob("evaluations")}', hive_partitioning = true)
            """).Single();
        Assert.That(evaluations, Is.EqualTo(new object[] { 4L, 800L, 796L, 1, 4 }));

        var labels = Query($"""
            SELECT count(*), count(*) FILTER (WHERE correct), count(*) FILTER (WHERE kept),
                   count(*) FILTER (WHERE model_label = true_label)
            FROM read_parquet('{Glob("labels")}', hive_partitioning = true)
            """).Single();
        Assert.That(labels, Is.EqualTo(new object[] { 30L, 15L, 20L, 15L }));
    }
}
