using Runner.Core.Evaluation;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Core.Ledger;

/// <summary>The runs a ledger holds, from its runs and rounds tables: listed, found by id prefix, and read in detail.</summary>
public sealed class RunCatalog(LedgerReader reader)
{
    /// <summary>Every run (optionally of one spec), ordered by run id, which starts with the UTC start time.</summary>
    public async Task<IReadOnlyList<RunSummary>> ListAsync(string? specName = null, CancellationToken ct = default)
    {
        List<RunRow> runs = await reader.ReadAsync<RunRow>(ct: ct);
        List<RoundRow> rounds = await reader.ReadAsync<RoundRow>(ct: ct);
        var recorded = runs.Select(r => r.RunId).ToHashSet();
        var incomplete = rounds.Where(r => !recorded.Contains(r.RunId)).GroupBy(r => r.RunId).Select(g => RunSummary.FromRounds(g.ToList()));
        return runs.Select(RunSummary.From).Concat(incomplete)
            .Where(r => specName is null || r.SpecName == specName)
            .OrderBy(r => r.RunId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The run whose id is <paramref name="idOrPrefix"/>, else every run whose id starts with it:
    /// none, one, or several for an ambiguous prefix.
    /// </summary>
    public async Task<IReadOnlyList<RunSummary>> FindAsync(string idOrPrefix, CancellationToken ct = default)
    {
        var all = await ListAsync(ct: ct);
        var exact = all.Where(r => r.RunId == idOrPrefix).Take(1).ToList();
        return exact.Count > 0 ? exact : all.Where(r => r.RunId.StartsWith(idOrPrefix, StringComparison.Ordinal)).DistinctBy(r => r.RunId).ToList();
    }

    /// <summary>The run's rounds and evaluations, ordered by round (and difficulty), and each model's recorded frontiers.</summary>
    public async Task<RunDetails> DetailsAsync(RunSummary run, CancellationToken ct = default)
    {
        var rounds = (await reader.ReadAsync<RoundRow>(ct: ct)).Where(r => r.RunId == run.RunId).OrderBy(r => r.Round).ToList();
        var evaluations = (await reader.ReadAsync<EvaluationRow>(ct: ct)).Where(e => e.RunId == run.RunId)
            .OrderBy(e => e.Round).ThenBy(e => e.Difficulty).ToList();
        var metrics = (await reader.ReadAsync<MetricRow>(ct: ct)).Where(m => m.RunId == run.RunId && m.Difficulty is null).ToList();
        var memberFrontiers = metrics
            .Where(m => m.Metric == "frontier" && m.Member is not null)
            .GroupBy(m => (m.Round, Member: m.Member!.Value))
            .ToDictionary(g => g.Key, g => (int)g.Last().Value);
        var roundMetrics = metrics.Where(m => m.Member is null).GroupBy(m => m.Round)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, double>)g.GroupBy(m => m.Metric).ToDictionary(n => n.Key, n => n.Last().Value));
        return new RunDetails(run, rounds, evaluations, memberFrontiers, roundMetrics);
    }

    /// <summary>
    /// Each completed run's result round in one line, as the run printed it at its end (<see
    /// cref="RecordedHeadline.Of"/>); runs without a runs row, or whose result round has no
    /// evaluation, have none.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, RecordedHeadline>> HeadlinesAsync(IReadOnlyList<RunSummary> runs, CancellationToken ct = default)
    {
        var rows = runs.Where(r => r.Row is not null).ToDictionary(r => r.RunId, r => r.Row!);
        var evaluations = (await reader.ReadAsync<EvaluationRow>(ct: ct)).Where(e => rows.ContainsKey(e.RunId)).ToLookup(e => e.RunId);
        return rows.Select(r => (r.Key, Headline: RecordedHeadline.Of(r.Value, evaluations[r.Key])))
            .Where(r => r.Headline is not null).ToDictionary(r => r.Key, r => r.Headline!);
    }
}

/// <summary>A run's headline with the task it describes difficulties in.</summary>
public sealed record RecordedHeadline(Headline Headline, ITask Task)
{
    /// <summary>
    /// The headline of a completed run's result round, rebuilt from its evaluations and the spec
    /// its runs row recorded (so ledgers older than the reach metric get one too); null when that
    /// round has no evaluation or the spec does not parse.
    /// </summary>
    public static RecordedHeadline? Of(RunRow run, IEnumerable<EvaluationRow> evaluations)
    {
        var final = evaluations.Where(e => e.RunId == run.RunId && e.Round == run.FinalRound)
            .Select(e => new DifficultyAccuracy(LedgerDifficulty.Of(e.Difficulty, e.DifficultyB), e.Examples, e.Correct, e.Member)).ToList();
        if (final.Count == 0 || !SpecLoader.TryParse(run.SpecYaml, "spec_yaml", out var loaded, out _)) return null;
        var spec = loaded.Base;
        return new RecordedHeadline(Headline.Of(final, run.FinalFrontier, spec.Task.D0, spec.Eval.Solved), TaskCatalog.Create(spec.Task.Kind));
    }

    public override string ToString() => Headline.Describe(Task);
}
