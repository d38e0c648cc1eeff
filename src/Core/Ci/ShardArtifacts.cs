using System.Globalization;
using System.Text.RegularExpressions;

namespace Runner.Core.Ci;

/// <summary>
/// One CI artifact of one shard's job: KIND-ID--I-of-N--attempt-K (e.g. ledger-specs-cpu-copy--2-of-3--attempt-2).
/// GitHub refuses a second artifact of the same name in a workflow run, and re-running a failed job is a new
/// attempt of the same run, so each attempt uploads under its own name and the reader takes each shard's latest.
/// </summary>
public sealed record ShardArtifact(string Kind, string SpecId, int Shard, int Shards, int Attempt, string Name)
{
    // Spec ids never hold "--" (SpecsMatrixCommand.Id), so the first "--" ends the id.
    static readonly Regex Pattern = new(@"^(?<kind>[a-z]+)-(?<id>.+?)--(?<shard>[0-9]+)-of-(?<shards>[0-9]+)--attempt-(?<attempt>[0-9]+)$", RegexOptions.CultureInvariant);

    /// <summary>The artifact name for a shard's job in a workflow attempt.</summary>
    public static string NameOf(string kind, string specId, int shard, int shards, int attempt) =>
        $"{kind}-{specId}--{shard}-of-{shards}--attempt-{attempt}";

    public static bool TryParse(string name, out ShardArtifact artifact)
    {
        var match = Pattern.Match(name);
        artifact = null!;
        if (!match.Success) return false;
        int Number(string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        artifact = new ShardArtifact(match.Groups["kind"].Value, match.Groups["id"].Value, Number("shard"), Number("shards"), Number("attempt"), name);
        return true;
    }

    /// <summary>
    /// Each shard's latest attempt (per kind, spec and shard), ordered by kind, spec and shard. An earlier attempt
    /// is left out even where the latest has fewer files: a re-run starts from the earlier attempt's state and
    /// uploads all of it again, so the latest holds everything the earlier one did, as its own job saw it.
    /// </summary>
    public static IReadOnlyList<ShardArtifact> Latest(IEnumerable<ShardArtifact> artifacts) =>
        artifacts.GroupBy(a => (a.Kind, a.SpecId, a.Shard, a.Shards))
            .Select(g => g.MaxBy(a => a.Attempt)!)
            .OrderBy(a => a.Kind, StringComparer.Ordinal).ThenBy(a => a.SpecId, StringComparer.Ordinal).ThenBy(a => a.Shards).ThenBy(a => a.Shard)
            .ToList();
}
