using System.Globalization;
using Runner.Core.Ledger;
using Runner.Core.Ledger.Diff;
using Runner.Reports.Model;

namespace Runner.Reports.Sections;

/// <summary>Where the numbers come from, per revision: the spec, code, machine and ledger files, from the runs rows.</summary>
public static class ProvenanceSection
{
    public sealed record Item(string Key, string Value);

    public sealed record View(string Label, string Source, IReadOnlyList<Item> Items, IReadOnlyList<string> Files);

    public static IReadOnlyList<View> Build(ReportContext context) => context.Sides.Select(Side).ToList();

    static View Side(SpecResults results)
    {
        var rows = results.Runs.Where(r => r.Row is not null).Select(r => r.Row!).OrderBy(r => r.RunId, StringComparer.Ordinal).ToList();
        var items = new List<Item>();
        void Add(string key, IEnumerable<string> values)
        {
            var distinct = values.Where(v => v.Length > 0).Distinct().ToList();
            if (distinct.Count > 0) items.Add(new Item(key, string.Join("; ", distinct)));
        }

        Add("description", [results.Spec?.Description ?? ""]);
        Add("task", results.Spec is { } spec ? [$"{spec.Task.Kind}, D0 {spec.Task.D0.Min}-{spec.Task.D0.Max}"] : []);
        Add("model", results.Spec is { } m
            ? [$"{m.Model.Layers} layers, {m.Model.Heads} heads, d_model {m.Model.DModel}, ffn {m.Model.Ffn}, context {m.Model.Context}"] : []);
        Add("spec hash", rows.Select(r => $"{r.Arm}: {r.SpecHash[..Math.Min(12, r.SpecHash.Length)]}"));
        Add("commit", results.Runs.Select(r => LabelQualitySection.Commit(r.Rounds.FirstOrDefault()?.GitSha ?? r.Row?.GitSha ?? "", r.Row)
            + (r.Row is { GitBranch.Length: > 0 } row && row.GitBranch != "unknown" ? $" on {row.GitBranch}" : "")));
        Add("code tree", rows.Select(r => r.CodeTree[..Math.Min(12, r.CodeTree.Length)]));
        Add("packages", rows.Select(r => r.Packages));
        Add("host", rows.Select(r => r.Host));
        Add("OS", rows.Select(r => r.Os));
        Add("CPU", rows.Select(r => r.Cpu));
        Add("CPU id", rows.Select(r => r.CpuId));
        Add("CPU flags", rows.Select(r => r.CpuFlags));
        Add("CPU kernels", rows.Select(r => r.CpuCapability));
        Add("numerics", rows.Select(r => r.NumericsSettings.Length > 0 ? $"{r.Numerics} ({r.NumericsSettings})" : r.Numerics));
        Add("GPU", rows.Select(r => r.Gpu));
        Add("device", rows.Select(r => r.Device));
        Add("threads", rows.Select(r => r.Threads.ToString(CultureInfo.InvariantCulture)));
        Add("determinism", rows.Select(r => r.Determinism));
        Add("seeds", [string.Join(", ", results.Runs.Select(r => r.Seed).Distinct().Order())]);
        Add("arms", results.Arms.Select(a => a.Runs.FirstOrDefault(r => r.Row is not null)?.Row is { } row
            ? $"{a.Name} (filters {row.Filters}; schedule {row.Schedule}; {row.Models} model{(row.Models == 1 ? "" : "s")})"
            : $"{a.Name} (incomplete)"));
        if (rows.Count > 0)
        {
            Add("ran", [$"{Time(rows.Min(r => r.StartedUtc))} to {Time(rows.Max(r => r.EndedUtc))}"]);
            Add("wall time", [Numbers.Duration(rows.Sum(r => (r.EndedUtc - r.StartedUtc).TotalSeconds)) + " over all runs"]);
        }
        var incomplete = results.Runs.Where(r => r.Incomplete).ToList();
        if (incomplete.Count > 0)
            Add("incomplete", incomplete.Select(r => $"{r.RunId} ({r.Rounds.Count} rounds recorded, no runs row)"));
        return new View(results.Side.Label, Source(results.Side.Snapshot), items, results.Side.Files);
    }

    static string Source(LedgerSnapshot snapshot) => snapshot.Source == SnapshotSource.WorkingTree
        ? "ledger files on disk" : DiffCells.Source(snapshot) + $" at {snapshot.Label}";

    static string Time(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
