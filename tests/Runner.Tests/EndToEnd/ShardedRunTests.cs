using NUnit.Framework;
using Runner.Core.Ledger;

namespace Runner.Tests.EndToEnd;

/// <summary>
/// A spec run as 3 shards in separate processes, each with its own ledger and runs folder, as CI's
/// GPU runners run it: the shard ledgers merged by copying their files give the single process's
/// ledger, row for row, and verify clean.
/// </summary>
public class ShardedRunTests
{
    string dir = "";

    // Three seeds; arm "fewer" differs from "si" only after round 0, so it shares si's base model per seed.
    static readonly string Spec = TinySpec.Yaml
        .Replace("seeds: [7]", "seeds: [7, 8, 9]")
        .Replace("  - name: zero\n    self_improve: {rounds: 0}", "  - name: fewer\n    self_improve: {labels_per_round: 32}");

    [SetUp]
    public void SetUp()
    {
        dir = Directory.CreateTempSubdirectory("runner-shards-").FullName;
        File.WriteAllText(Path.Combine(dir, "tiny.yaml"), Spec);
    }

    [TearDown] public void TearDown() => Directory.Delete(dir, recursive: true);

    ProcessResult Run(string ledger, params string[] more) =>
        RunnerProcess.Run(dir, ["run", "tiny.yaml", "--ledger", ledger, "--runs", ledger + "-runs", "--threads", "1", .. more]);

    [Test]
    public async Task ThreeShardsMergedByCopyingFilesEqualOneProcess()
    {
        var single = Run("single");
        Assert.That(single.ExitCode, Is.EqualTo(0), single.Stderr);

        var merged = Path.Combine(dir, "merged");
        for (int i = 1; i <= 3; i++)
        {
            int seed = 6 + i;
            var shard = Run($"shard{i}", "--shard", $"{i}/3");
            Assert.That(shard.ExitCode, Is.EqualTo(0), shard.Stderr);
            Assert.That(shard.Stdout, Does.StartWith($"tiny.yaml: shard {i}/3: seed {seed}, 2 of 6 run(s); base models trained: arm si, seed {seed} (also for fewer)"));
            Assert.That(shard.Stdout, Does.Contain($"fewer seed {seed}: done (round 0 shared with "), "the seed's arms still share its base model");
            foreach (var file in Directory.EnumerateFiles(Path.Combine(dir, $"shard{i}"), "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(merged, Path.GetRelativePath(Path.Combine(dir, $"shard{i}"), file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: false); // a collision would throw: shards never write the same file
            }
        }

        var verify = RunnerProcess.Run(dir, "ledger", "verify", "--ledger", "merged");
        Assert.That(verify.ExitCode, Is.EqualTo(0), verify.Stdout + verify.Stderr);
        var expected = await LedgerContent.Of(new LedgerReader(Path.Combine(dir, "single")));
        Assert.That(expected.Count(l => l.StartsWith("run ")), Is.EqualTo(6), "every arm x seed ran");
        Assert.That(await LedgerContent.Of(new LedgerReader(merged)), Is.EqualTo(expected));
    }

    [Test]
    public void AShardPastTheSeedsIsEmpty_SaysSo_AndWritesNothing()
    {
        var empty = Run("ledger", "--shard", "4/4");

        Assert.That(empty.ExitCode, Is.EqualTo(0), empty.Stderr);
        Assert.That(empty.Stdout.Trim(), Is.EqualTo(
            "tiny.yaml: shard 4/4: no runs (3 seed(s) over 4 shards: shards past the number of seeds are empty); nothing to run"));
        Assert.That(Directory.Exists(Path.Combine(dir, "ledger")), Is.False);
    }

    [Test]
    public void PlanShowsEachShardsRunsAndBaseModels_AndABadShardExitsTwo()
    {
        var plan = RunnerProcess.Run(dir, "plan", "tiny.yaml", "--shard", "2/2");
        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.Stderr);
        Assert.That(plan.Stdout.Split('\n')[2], Is.EqualTo("shard 2/2: seed 8, 2 of 6 run(s); base models trained: arm si, seed 8 (also for fewer)"));
        Assert.That(plan.Stdout, Does.Contain("arm fewer, seed 8:").And.Not.Contain("seed 7:").And.Not.Contain("seed 9:"));
        Assert.That(plan.Stdout, Does.Contain("  starts from arm si, seed 8: round 0 shared"));

        var auto = RunnerProcess.Run(dir, "plan", "tiny.yaml", "--shard", "auto");
        Assert.That(auto.ExitCode, Is.EqualTo(2));
        Assert.That(auto.StderrLines, Has.Count.EqualTo(1).And.Some.StartsWith("runner: error: --shard auto: none of the variables it reads is set"));
    }

    [Test]
    public void DevicesRefusesACpuSpecBeforeTraining()
    {
        var result = Run("ledger", "--devices", "0,1", "--set", "device=cpu");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StderrLines, Is.EqualTo(new[] { "runner: error: --devices runs one process per GPU, but tiny.yaml says device: cpu (use --set device=cuda)" }));
        Assert.That(Directory.Exists(Path.Combine(dir, "ledger")), Is.False, "nothing trained");
    }
}
