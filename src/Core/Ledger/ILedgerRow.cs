namespace Runner.Core.Ledger;

/// <summary>
/// The columns every ledger table shares, so any row can be traced back to its run, spec,
/// arm, seed and code version. Implementations name their Parquet columns in snake_case.
/// </summary>
public interface ILedgerRow
{
    /// <summary>Folder name of the table under the ledger root (runs, rounds, ...).</summary>
    static abstract string TableName { get; }

    /// <summary>Layout version of the row type; bumped when columns change meaning.</summary>
    int SchemaVersion { get; set; }
    string RunId { get; set; }
    string SpecName { get; set; }
    string Arm { get; set; }
    int Seed { get; set; }
    string GitSha { get; set; }
    /// <summary>What the run computes (spec, arm, seed, code), hashed: attempts at one run share it (see RunKey).</summary>
    string RunKey { get; set; }
}
