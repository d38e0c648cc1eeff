using NUnit.Framework;

namespace Runner.Tests.EndToEnd;

/// <summary>
/// The whole method through `runner run`: three models voting on multiplication labels under an
/// explicit pair schedule, noise injection, and the avalanche guard, read back from the ledger.
/// </summary>
public class MethodRunTests
{
    const string Yaml = """
        name: method
        task: {kind: multiplication, d0: {min: 1, max: 2}}
        model: {layers: 1, heads: 2, d_model: 32, ffn: 64, context: 128}
        training:
          batch: 16
          peak_lr: 0.003
          round0: {warmup: 5, stable: 10, decay: 15}
          rounds: {warmup: 0, stable: 0, decay: 5}
        self_improve:
          rounds: 2
          labels_per_round: 20
          labels_per: difficulty
          schedule: {kind: explicit, difficulties: ["1x3,3x1", "3x3"]}
          filters: [{kind: majority, models: 3, threshold: 0.6}]
          decode_batch: 16
        eval: {examples: 4, above: 1}
        seeds: [5]
        arms:
          - name: vote
          - name: noisy
            self_improve:
              rounds: 1
              filters: []
              noise: {round: 1, fraction: 0.5, kind: digits-perturb}
          - name: accelerated
            self_improve:
              rounds: 1
              schedule: {kind: accelerated, threshold: 0.99, probe_examples: 8, measure: agreement}
          - name: guarded
            self_improve:
              filters: [{kind: majority, models: 3, threshold: 1.0}]
              stop: {avalanche: {min_kept_fraction: 1.0, action: rollback}}
        """;

    string dir = "", ledger = "";

    [OneTimeSetUp]
    public void RunOnce()
    {
        dir = Directory.CreateTempSubdirectory("runner-method-").FullName;
        File.WriteAllText(Path.Combine(dir, "method.yaml"), Yaml);
        var result = RunnerProcess.Run(dir, "run", "method.yaml", "--threads", "1");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        ledger = Path.Combine(dir, "ledger").Replace("'", "''");
    }

    [OneTimeTearDown] public void TearDown() => Directory.Delete(dir, recursive: true);

    List<object[]> Query(string sql) => DuckDb.Query(sql.Replace("LEDGER", ledger));

    [Test]
    public void RunsRecordTheirFiltersScheduleModelsAndWhyTheyStopped()
    {
        var runs = Query("SELECT arm, models, filters, schedule, stop_reason, final_round, rounds_completed FROM read_parquet('LEDGER/runs/**/*.parquet') ORDER BY arm");

        // The guard tripped on round 1's labels: its kept share is the one its rounds row records.
        var kept = Query("SELECT labels_kept, labels_generated FROM read_parquet('LEDGER/rounds/**/*.parquet') WHERE arm = 'guarded' AND round = 1").Single();
        double keptPercent = 100.0 * Convert.ToInt32(kept[0]) / Convert.ToInt32(kept[1]);

        Assert.That(runs.Select(r => string.Join(" | ", r)), Is.EqualTo(new[]
        {
            "accelerated | 3 | majority(models=3,threshold=0.6,votes>=2) | accelerated(agreement>=0.99, 8 inputs) | max_round | 1 | 2",
            "guarded | 3 | majority(models=3,threshold=1,votes>=3) | explicit(1x3,3x1; 3x3) | avalanche_rollback to round 0: " +
                $"kept {keptPercent.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} % of labels < min_kept_fraction 100 % | 0 | 2",
            "noisy | 1 | none | explicit(1x3,3x1; 3x3) | max_round | 1 | 2",
            "vote | 3 | majority(models=3,threshold=0.6,votes>=2) | explicit(1x3,3x1; 3x3) | max_round | 2 | 3",
        }));
    }

    [Test]
    public void EveryModelIsEvaluatedOnThePairGrid()
    {
        // Round 0 trained up to 2x2: the grid runs to size 2 + 1 + 1 = 4, 16 pairs; after round 1 (3x1, 1x3) to 5.
        var grid = Query("SELECT round, member, count(*), count(DISTINCT (difficulty, difficulty_b)), max(difficulty), max(difficulty_b) FROM read_parquet('LEDGER/evaluations/**/*.parquet') WHERE arm = 'vote' GROUP BY ALL ORDER BY round, member");

        Assert.That(grid.Select(r => string.Join(" ", r)), Is.EqualTo(new[]
        {
            "0 0 16 16 4 4", "0 1 16 16 4 4", "0 2 16 16 4 4",
            "1 0 25 25 5 5", "1 1 25 25 5 5", "1 2 25 25 5 5",
            "2 0 25 25 5 5", "2 1 25 25 5 5", "2 2 25 25 5 5",
        }));
    }

    [Test]
    public void LabelsCarryTheirVotesAndTheMajorityRuleDecidesWhatIsKept()
    {
        var labels = Query("SELECT round, difficulty, difficulty_b, count(*), min(voters), max(voters), min(votes), max(votes), count(*) FILTER (WHERE kept <> (votes >= 2 AND NOT tied)) FROM read_parquet('LEDGER/labels/**/*.parquet') WHERE arm = 'vote' GROUP BY ALL ORDER BY round, difficulty, difficulty_b");

        Assert.That(labels.Select(r => $"{r[0]} {r[1]}x{r[2]} {r[3]} voters {r[4]}-{r[5]} wrong-keep {r[8]}"), Is.EqualTo(new[]
        {
            "1 1x3 20 voters 3-3 wrong-keep 0", "1 3x1 20 voters 3-3 wrong-keep 0", "2 3x3 20 voters 3-3 wrong-keep 0",
        }), "20 labels per difficulty (labels_per: difficulty); an unended output the vote agrees on is kept, as the official code keeps it");
        Assert.That(labels.Select(r => Convert.ToInt32(r[6])), Is.All.InRange(1, 3));

        var rounds = Query("SELECT round, models, mean_votes FROM read_parquet('LEDGER/rounds/**/*.parquet') WHERE arm = 'vote' AND round > 0 ORDER BY round");
        var meanVotes = Query("SELECT round, avg(votes) FROM read_parquet('LEDGER/labels/**/*.parquet') WHERE arm = 'vote' GROUP BY round ORDER BY round");
        Assert.That(rounds.Select(r => (double)r[2]), Is.EqualTo(meanVotes.Select(r => (double)r[1])).Within(1e-9));
    }

    [Test]
    public void NoiseCorruptsHalfTheKeptLabelsOfItsRound()
    {
        var noisy = Query("SELECT count(*) FILTER (WHERE kept), count(*) FILTER (WHERE corrupted), count(*) FILTER (WHERE corrupted AND (trained_label = model_label OR NOT kept)), count(*) FILTER (WHERE NOT corrupted AND trained_label <> model_label) FROM read_parquet('LEDGER/labels/**/*.parquet') WHERE arm = 'noisy'").Single();
        long kept = (long)noisy[0];

        Assert.That(kept, Is.GreaterThan(0));
        Assert.That((long)noisy[1], Is.EqualTo((long)Math.Round(kept * 0.5, MidpointRounding.AwayFromZero)));
        Assert.That(((long)noisy[2], (long)noisy[3]), Is.EqualTo((0L, 0L)), "only kept labels are corrupted, and every corruption changes the label");
        var metric = Query("SELECT value FROM read_parquet('LEDGER/metrics/**/*.parquet') WHERE arm = 'noisy' AND metric = 'labels_corrupted' AND round = 1").Single();
        Assert.That((double)metric[0], Is.EqualTo((double)(long)noisy[1]));
    }

    [Test]
    public void TheAcceleratedScheduleMeasuresEachStepItConsidersAndRecordsIt()
    {
        // Barely trained models do not agree on 99% of 8 inputs: the first step is labelled, the second never measured.
        var probes = Query("SELECT round, difficulty, difficulty_b, value BETWEEN 0 AND 1 FROM read_parquet('LEDGER/metrics/**/*.parquet') WHERE arm = 'accelerated' AND metric = 'probe_accuracy' ORDER BY difficulty");
        var rounds = Query("SELECT difficulties FROM read_parquet('LEDGER/rounds/**/*.parquet') WHERE arm = 'accelerated' AND round = 1");

        Assert.That(probes.Select(r => string.Join(" ", r)), Is.EqualTo(new[] { "1 1 3 True", "1 3 1 True" }));
        Assert.That(rounds.Single()[0], Is.EqualTo("1x3,3x1"));
        Assert.That(Query("SELECT schedule FROM read_parquet('LEDGER/runs/**/*.parquet') WHERE arm = 'accelerated'").Single()[0],
            Is.EqualTo("accelerated(agreement>=0.99, 8 inputs)"));
    }

    [Test]
    public void TheAvalancheGuardRecordsTheCollapsedRoundWithoutTrainingOnIt()
    {
        var rounds = Query("SELECT round, steps, labels_generated, labels_kept < labels_generated, stop_reason LIKE 'avalanche_rollback%' FROM read_parquet('LEDGER/rounds/**/*.parquet') WHERE arm = 'guarded' ORDER BY round");

        Assert.That(rounds.Select(r => string.Join(" ", r)), Is.EqualTo(new[] { "0 30 0 False False", "1 0 40 True True" }));
        Assert.That(Query("SELECT count(*) FROM read_parquet('LEDGER/evaluations/**/*.parquet') WHERE arm = 'guarded' AND round = 1").Single()[0], Is.EqualTo(0L));
    }
}
