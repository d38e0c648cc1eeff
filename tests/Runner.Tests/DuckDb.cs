using DuckDB.NET.Data;

namespace Runner.Tests;

/// <summary>Reads the ledger with a reader that is not Parquet.Net, as users do.</summary>
static class DuckDb
{
    public static List<object[]> Query(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(values);
        }
        return rows;
    }
}
