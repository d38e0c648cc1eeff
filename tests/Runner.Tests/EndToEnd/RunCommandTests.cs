using NUnit.Framework;
using Runner.Core.Ledger;

namespace Runner.Tests.EndToEnd;

/// <summary>`runner run` from YAML to a ledger on disk, read back by a reader that is not Parquet.Net.</summary>
public class RunCommandTests
{
    string dir = "";

    [SetUp] public void SetUp() => dir = Directory.CreateTempSubdirectory("runner-e2e-").FullName;
    [TearDown] public void TearDown() => Directory.Delete(dir, recursive: true);

    ProcessResult RunTiny(string ledger = "ledger")
    {
        File.WriteAllText(Path.Combine(dir, "tiny.yaml"), TinySpec.Yaml);
        return RunnerProcess.Run(dir, "run", "tiny.yaml", "--ledger", ledger, "--threads", "1");
    }

    static List<object[]> Query(string sql) => DuckDb.Query(sql);

    [Test]
    public void RunWritesEveryRoundToTheLedgerAndPrintsTheTable()
    {
        var result = RunTiny();

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(result.Stdout, Does.Contain("si seed 7 round 2: labelled 6: kept "));
        Assert.That(result.Stdout, Does.Contain("tiny / si / seed 7: exact match (%) per difficulty"));
        Assert.That(result.Stdout, Does.Contain("tiny / zero / seed 7: exact match (%) per difficulty"));

        string ledger = Path.Combine(dir, "ledger").Replace("'", "''");
        // The result lines say what the ledger recorded for each run's last round: its frontier, then how far past D0 it solves.
        var final = Query($"SELECT arm, metric, value FROM read_parquet('{ledger}/metrics/**/*.parquet') " +
            "WHERE member IS NULL AND difficulty IS NULL AND metric IN ('frontier', 'reach') AND round = CASE arm WHEN 'si' THEN 2 ELSE 0 END")
            .ToDictionary(r => $"{r[0]} {r[1]}", r => (int)(double)r[2]);
        Assert.That(result.Stdout, Does.Contain($"\nsi seed 7: frontier {final["si frontier"]}"));
        Assert.That(result.Stdout, Does.Contain($"\nzero seed 7: frontier {final["zero frontier"]}"));
        Assert.That(result.Stdout, Does.Contain(
            $"\nreach past D0 (the largest difficulty up to which everything from length 5 is solved): si {final["si reach"]}, zero {final["zero reach"]}; D0 retained (every D0 difficulty >= 99 %): si "));
        var runs = Query($"SELECT arm, status, rounds_completed, spec_name, git_sha, spec_hash FROM read_parquet('{ledger}/runs/**/*.parquet') ORDER BY arm");
        Assert.That(runs.Select(r => $"{r[0]} {r[1]} {r[2]} {r[3]} {r[4]}"),
            Is.EqualTo(new[] { "si completed 3 tiny unknown", "zero completed 1 tiny unknown" }), "not in a git repository: sha 'unknown'");
        Assert.That(runs[0][5], Is.Not.EqualTo(runs[1][5]), "arms resolve to different specs");

        var rounds = Query($"SELECT arm, round, difficulties, labels_generated, steps FROM read_parquet('{ledger}/rounds/**/*.parquet') ORDER BY arm, round");
        Assert.That(rounds.Select(r => $"{r[0]} {r[1]} '{r[2]}' {r[3]} {r[4]}"), Is.EqualTo(new[]
        {
            "si 0 '' 0 30", "si 1 '5' 48 10", "si 2 '6' 48 10", "zero 0 '' 0 30",
        }));

        var evaluations = Query($"SELECT arm, round, count(*), min(difficulty), max(difficulty), sum(examples)::BIGINT FROM read_parquet('{ledger}/evaluations/**/*.parquet') GROUP BY ALL ORDER BY arm, round");
        Assert.That(evaluations.Select(r => $"{r[0]} {r[1]} {r[2]} {r[3]} {r[4]}"), Is.EqualTo(new[]
        {
            "si 0 7 1 7", "si 1 8 1 8", "si 2 9 1 9", "zero 0 7 1 7",
        }));
        // Difficulty 1 has 9 prompts, at most half held out: 4; the others have their 16.
        Assert.That(evaluations[0][5], Is.EqualTo(4L + 6 * TinySpec.EvalExamples));

        var labels = Query($"SELECT round, count(*), count(*) FILTER (WHERE kept), count(*) FILTER (WHERE correct), count(*) FILTER (WHERE length(prompt) <> round + 5) FROM read_parquet('{ledger}/labels/**/*.parquet') GROUP BY round ORDER BY round");
        Assert.That(labels.Select(r => (int)r[0]), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(labels.Select(r => (long)r[1]), Is.All.EqualTo((long)TinySpec.LabelsPerRound));
        Assert.That(labels.Select(r => (long)r[4]), Is.All.EqualTo(0L), "round r labels prompts of d0.max + r digits and '='");

        // Long form: 24 round-level metrics a round (17 about the method, labels_ended among them, 7 about where
        // the time went); label accuracy and kept fraction per labelled difficulty (one in each of rounds 1 and 2);
        // accuracy, examples and correct per evaluated difficulty.
        var metrics = Query($"SELECT count(*), count(*) FILTER (WHERE difficulty IS NULL), count(DISTINCT metric) FROM read_parquet('{ledger}/metrics/**/*.parquet')");
        Assert.That(metrics.Single(), Is.EqualTo(new object[] { 24L * 4 + 2L * 2 + 3L * (7 + 8 + 9 + 7), 96L, 27L }));
        var times = Query($"""
            SELECT string_agg(metric, ',' ORDER BY metric), bool_and(value >= 0)
            FROM read_parquet('{ledger}/metrics/**/*.parquet') WHERE suffix(metric, '_seconds') GROUP BY arm, round
            """);
        Assert.That(times.Select(t => $"{t[0]} {t[1]}"), Is.EqualTo(Enumerable.Repeat(
            "checkpoint_seconds,eval_seconds,filter_seconds,label_seconds,ledger_seconds,train_seconds,wall_seconds True", 4)));
        // The loop's wall time is its training and evaluation. Tokens are the examples' input positions:
        // reverse of n digits has 2n + 2, so 4 to 10 in D0 and 12 in round 1 (5 digits).
        var split = Query($"""
            SELECT round, max(value) FILTER (WHERE metric = 'train_seconds') + max(value) FILTER (WHERE metric = 'eval_seconds')
                     - max(value) FILTER (WHERE metric = 'wall_seconds'), max(value) FILTER (WHERE metric = 'train_tokens')
            FROM read_parquet('{ledger}/metrics/**/*.parquet') WHERE arm = 'si' GROUP BY round ORDER BY round
            """);
        Assert.That(split.Select(s => Math.Abs((double)s[1])), Is.All.LessThan(0.01));
        Assert.That((double)split[0][2], Is.InRange(30.0 * 16 * 4, 30.0 * 16 * 10));
        Assert.That((double)split[1][2], Is.InRange(10.0 * 16 * 4, 10.0 * 16 * 12));
        var frontiers = Query($"""
            SELECT count(*) FROM read_parquet('{ledger}/metrics/**/*.parquet') m
            JOIN read_parquet('{ledger}/rounds/**/*.parquet') r USING (run_id, round)
            WHERE m.metric = 'frontier' AND m.value = r.frontier
            """);
        Assert.That(frontiers.Single()[0], Is.EqualTo(4L), "the long form agrees with the rounds table");

        // One query over every table, as `read_parquet('ledger/**/*.parquet')` in the README.
        var all = Query($"SELECT count(*) FROM read_parquet('{ledger}/**/*.parquet', union_by_name = true)");
        // runs, rounds, evaluations, labels, metrics, and the steps table's mean of every 10 steps (si: 30 + 10 + 10 steps, zero: 30).
        long expected = 2 + 4 + (7 + 8 + 9 + 7) + 2 * TinySpec.LabelsPerRound + (24 * 4 + 2 * 2 + 3 * (7 + 8 + 9 + 7)) + (3 + 1 + 1 + 3);
        Assert.That(all.Single()[0], Is.EqualTo(expected));

        var runIds = runs.Count;
        Assert.That(Directory.GetFiles(Path.Combine(dir, "runs"), "round-*.pt", SearchOption.AllDirectories).Select(Path.GetFileName).Order(),
            Is.EqualTo(new[] { "round-000.pt", "round-000.pt", "round-001.pt", "round-002.pt" }), "a checkpoint per round");
        Assert.That(Directory.GetFiles(Path.Combine(dir, "ledger"), "*.tmp", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public async Task SameSpecAndSeedGiveTheSameLedger()
    {
        Assert.That(RunTiny("first").ExitCode, Is.EqualTo(0));
        Assert.That(RunTiny("second").ExitCode, Is.EqualTo(0));

        var first = new LedgerReader(Path.Combine(dir, "first"));
        var second = new LedgerReader(Path.Combine(dir, "second"));
        Assert.That(await Evaluations(second), Is.EqualTo(await Evaluations(first)));
        Assert.That(await Labels(second), Is.EqualTo(await Labels(first)));
        Assert.That(await Losses(second), Is.EqualTo(await Losses(first)));
        Assert.That((await Labels(first)).Count, Is.EqualTo(TinySpec.Rounds * TinySpec.LabelsPerRound));
    }

    static async Task<List<string>> Evaluations(LedgerReader reader) =>
        (await reader.ReadAsync<EvaluationRow>()).Select(e => $"{e.Arm} {e.Round} {e.Difficulty} {e.Examples} {e.Correct}").Order().ToList();

    static async Task<List<string>> Labels(LedgerReader reader) =>
        (await reader.ReadAsync<LabelRow>()).Select(l => $"{l.Round} {l.Prompt} {l.ModelLabel} {l.TrueLabel} {l.Kept}").Order().ToList();

    static async Task<List<string>> Losses(LedgerReader reader) =>
        (await reader.ReadAsync<RoundRow>()).Select(r => $"{r.Arm} {r.Round} {r.FinalLoss:R} {r.LabelsKept} {r.Frontier}").Order().ToList();

    [Test]
    public void ARoundThatOutgrowsTheContextStopsTheRunAndSaysSo()
    {
        // Reverse: BOS, n digits, '=', n digits, EOS. Length 5 needs 13 tokens and fits in 14; length 6 needs 15.
        File.WriteAllText(Path.Combine(dir, "tiny.yaml"), TinySpec.Yaml.Replace("context: 32", "context: 14"));

        var plan = RunnerProcess.Run(dir, "plan", "tiny.yaml");
        var result = RunnerProcess.Run(dir, "run", "tiny.yaml", "--threads", "1");

        Assert.That(plan.Stdout, Does.Contain("stops at round 1 (context: 6 needs 15 tokens, model.context is 14)"));
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        string ledger = Path.Combine(dir, "ledger").Replace("'", "''");
        var si = Query($"SELECT rounds_completed, stop_reason FROM read_parquet('{ledger}/runs/**/*.parquet') WHERE arm = 'si'").Single();
        Assert.That($"{si[0]} {si[1]}", Is.EqualTo("2 context: 6 needs 15 tokens, model.context is 14"));
        var evaluated = Query($"SELECT max(difficulty) FROM read_parquet('{ledger}/evaluations/**/*.parquet') WHERE arm = 'si'").Single();
        Assert.That(evaluated[0], Is.EqualTo(5), "evaluation stops at the longest difficulty that fits");
    }
}
