using NUnit.Framework;
using Runner.Cli.Commands;
using Runner.Core.Ci;

namespace Runner.Tests.Ci;

/// <summary>
/// Re-running a failed shard job is a new attempt of the same workflow run: each attempt uploads under its own
/// name (GitHub refuses a name twice in a run), and the merge job takes each shard's latest.
/// </summary>
public class ShardArtifactTests
{
    [Test]
    public void ANameCarriesKindSpecShardAndAttempt()
    {
        var name = ShardArtifact.NameOf("ledger", "specs-cpu-copy", 2, 3, 4);

        Assert.That(name, Is.EqualTo("ledger-specs-cpu-copy--2-of-3--attempt-4"));
        Assert.That(ShardArtifact.TryParse(name, out var artifact), Is.True);
        Assert.That(artifact, Is.EqualTo(new ShardArtifact("ledger", "specs-cpu-copy", 2, 3, 4, name)));
        Assert.That(ShardArtifact.TryParse("ledger-specs-cpu-copy--2-of-3", out _), Is.False, "the name before attempts were counted");
        Assert.That(ShardArtifact.TryParse("report-specs-cpu-copy", out _), Is.False);
    }

    [Test]
    public void TheMergeTakesEachShardsLatestAttempt_NotTheFailedOneBeforeIt()
    {
        // Attempt 1: shard 1 succeeded, shard 2 failed; attempt 2 re-ran shard 2 alone; attempt 3 re-ran it again.
        // Another spec's shard and the checkpoints are separate groups.
        string[] names =
        [
            "ledger-specs-copy--1-of-2--attempt-1", "ledger-specs-copy--2-of-2--attempt-1",
            "ledger-specs-copy--2-of-2--attempt-3", "ledger-specs-copy--2-of-2--attempt-2",
            "checkpoints-specs-copy--2-of-2--attempt-1", "ledger-specs-reverse--1-of-1--attempt-1",
        ];
        var latest = ShardArtifact.Latest(names.Select(n => { ShardArtifact.TryParse(n, out var a); return a; }));

        Assert.That(latest.Select(a => a.Name), Is.EqualTo(new[]
        {
            "checkpoints-specs-copy--2-of-2--attempt-1",
            "ledger-specs-copy--1-of-2--attempt-1",
            "ledger-specs-copy--2-of-2--attempt-3",
            "ledger-specs-reverse--1-of-1--attempt-1",
        }));
    }

    [Test]
    public void TheCommandPrintsTheLatestFolders_AndRefusesAFolderThatIsNoShardArtifact()
    {
        var dir = Directory.CreateTempSubdirectory("runner-artifacts-").FullName;
        try
        {
            foreach (var name in new[] { "ledger-x--1-of-2--attempt-1", "ledger-x--2-of-2--attempt-1", "ledger-x--2-of-2--attempt-2" })
                Directory.CreateDirectory(Path.Combine(dir, name));
            var output = new StringWriter();
            var errors = new StringWriter();

            Assert.That(SpecsLatestAttemptsCommand.Execute(dir, output, errors), Is.EqualTo(0), errors.ToString());
            Assert.That(output.ToString(), Is.EqualTo(
                Path.Combine(dir, "ledger-x--1-of-2--attempt-1") + "\n" + Path.Combine(dir, "ledger-x--2-of-2--attempt-2") + "\n"));

            Assert.That(SpecsLatestAttemptsCommand.Execute(Path.Combine(dir, "none"), output = new StringWriter(), errors), Is.EqualTo(0));
            Assert.That(output.ToString(), Is.Empty, "no artifacts downloaded: nothing to take");

            // gh run download nests each artifact in a folder of its name: the artifact's own folder is inside.
            Directory.CreateDirectory(Path.Combine(dir, "ledger-x--2-of-2--attempt-3", "ledger-x--2-of-2--attempt-3"));
            Assert.That(SpecsLatestAttemptsCommand.Execute(dir, output = new StringWriter(), errors), Is.EqualTo(0));
            Assert.That(output.ToString().Split('\n')[1], Is.EqualTo(Path.Combine(dir, "ledger-x--2-of-2--attempt-3", "ledger-x--2-of-2--attempt-3")));

            Directory.CreateDirectory(Path.Combine(dir, "ledger-x--1-of-2"));
            Assert.That(SpecsLatestAttemptsCommand.Execute(dir, new StringWriter(), errors = new StringWriter()), Is.EqualTo(2));
            Assert.That(errors.ToString().Trim(), Is.EqualTo(
                $"runner: error: {Path.Combine(dir, "ledger-x--1-of-2")}: not a shard artifact (KIND-ID--I-of-N--attempt-K, e.g. ledger-specs-copy--1-of-2--attempt-1)"));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
