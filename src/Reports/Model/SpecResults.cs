using Runner.Core.Ledger;
using Runner.Core.Ledger.Diff;
using Runner.Core.Specs;

namespace Runner.Reports.Model;

/// <summary>
/// What one revision of the ledger (or the working tree) holds about one spec, arm by arm: the
/// latest run of each arm x seed, in the order the arms first ran.
/// </summary>
public sealed class SpecResults
{
    SpecResults(string specName, ReportSide side, IReadOnlyList<ArmResults> arms)
    {
        SpecName = specName;
        Side = side;
        Arms = arms;
    }

    public string SpecName { get; }
    public ReportSide Side { get; }
    public IReadOnlyList<ArmResults> Arms { get; }

    /// <summary>The spec as its first arm ran it (task, D0, model), or null when no run of it finished.</summary>
    public Spec? Spec => Arms.Select(a => a.Spec).FirstOrDefault(s => s is not null);

    public IEnumerable<SeedRun> Runs => Arms.SelectMany(a => a.Runs);

    public static SpecResults Of(string specName, ReportSide side)
    {
        var snapshot = side.Snapshot.Filter(specName);
        var latest = LatestRuns.Of(snapshot);
        var rows = snapshot.Runs.Where(r => latest.Contains(r.RunId)).GroupBy(r => r.RunId).ToDictionary(g => g.Key, g => g.Last());
        var rounds = snapshot.Rounds.Where(r => latest.Contains(r.RunId)).ToLookup(r => r.RunId);
        var evaluations = snapshot.Evaluations.Where(r => latest.Contains(r.RunId)).ToLookup(r => r.RunId);
        var metrics = snapshot.Metrics.Where(r => latest.Contains(r.RunId)).ToLookup(r => r.RunId);
        var labels = side.Labels.Where(r => r.SpecName == specName && latest.Contains(r.RunId)).ToLookup(r => r.RunId);
        var steps = side.Steps.Where(r => r.SpecName == specName && latest.Contains(r.RunId)).ToLookup(r => r.RunId);
        var rescores = side.Rescores.Where(r => r.SpecName == specName && latest.Contains(r.RunId)).ToLookup(r => r.RunId);
        var identities = snapshot.Rounds.Select(r => (r.RunId, r.Arm, r.Seed))
            .Concat(snapshot.Evaluations.Select(e => (e.RunId, e.Arm, e.Seed)))
            .Where(r => latest.Contains(r.RunId)).Distinct().ToList();

        var runs = identities.Select(id => (id.Arm, Run: new SeedRun(id.RunId, id.Seed, rows.GetValueOrDefault(id.RunId),
                ParseSpec(rows.GetValueOrDefault(id.RunId)), rounds[id.RunId].ToList(), evaluations[id.RunId].ToList(), metrics[id.RunId].ToList())
                {
                    Labels = labels[id.RunId].ToList(), Steps = steps[id.RunId].OrderBy(s => s.Round).ThenBy(s => s.Step).ToList(),
                    Rescores = rescores[id.RunId].ToList(),
                }))
            .ToList();
        // Arms in the order they first ran: run ids start with the UTC start time.
        var arms = runs.GroupBy(r => r.Arm)
            .OrderBy(g => g.Min(r => r.Run.RunId), StringComparer.Ordinal)
            .Select(g => new ArmResults(g.Key, g.Select(r => r.Run).ToList()))
            .ToList();
        return new SpecResults(specName, side, arms);
    }

    /// <summary>The resolved spec a runs row recorded; null for a run cut short, or YAML this version cannot read.</summary>
    static Spec? ParseSpec(RunRow? row) =>
        row is not null && SpecLoader.TryParse(row.SpecYaml, $"runs.spec_yaml of run {row.RunId}", out var loaded, out _)
            ? loaded.Arms[0].Spec
            : null;
}

/// <summary>
/// One side of a report: the ledger's rows at a revision (or the working tree), how to name it,
/// and the ledger files it was read from (relative to the ledger folder; committed files are named
/// by their revision instead).
/// </summary>
public sealed record ReportSide(string Label, LedgerSnapshot Snapshot, IReadOnlyList<string> Files)
{
    /// <summary>Every self-generated label (the labels table), read from the ledger on disk; none at a --rev.</summary>
    public IReadOnlyList<LabelRow> Labels { get; init; } = [];

    /// <summary>The training curves (the steps table), read from the ledger on disk; none at a --rev or in older ledgers.</summary>
    public IReadOnlyList<StepRow> Steps { get; init; } = [];

    /// <summary>What `runner eval` measured (the rescores table), read from the ledger on disk; none at a --rev.</summary>
    public IReadOnlyList<RescoreRow> Rescores { get; init; } = [];

    /// <summary>A file-name-safe form of the label, for exports that differ per revision.</summary>
    public string Slug => Exports.Slug(Snapshot.Revision ?? "working-tree");
}
