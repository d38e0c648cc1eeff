using System.Globalization;

namespace Runner.Core.Ledger;

/// <summary>
/// Run ids: yyyyMMdd-HHmmss-&lt;arm&gt;-s&lt;seed&gt;-&lt;first 7 of the run key&gt; (UTC), sortable by start
/// time. The key (spec, arm, seed, code) tells apart runs of different specs started in the same second.
/// </summary>
public static class RunIdentity
{
    public static string Create(DateTime startedUtc, string arm, int seed, string runKey)
    {
        if (startedUtc.Kind != DateTimeKind.Utc)
            throw new ArgumentException("Run start time must be UTC.", nameof(startedUtc));
        string stamp = startedUtc.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        string key = runKey.Length > 7 ? runKey[..7] : runKey;
        return $"{stamp}-{Safe(arm)}-s{seed.ToString(CultureInfo.InvariantCulture)}-{Safe(key)}";
    }

    /// <summary>The start time an id begins with; false for an id not made by <see cref="Create"/>.</summary>
    public static bool TryParseStarted(string runId, out DateTime startedUtc) =>
        DateTime.TryParseExact(runId.Length >= 15 ? runId[..15] : runId, "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out startedUtc);

    // The id becomes part of file names; anything outside [A-Za-z0-9_.-] turns into '_'.
    static string Safe(string s) =>
        s.Length == 0 ? "_" : string.Concat(s.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_'));
}
