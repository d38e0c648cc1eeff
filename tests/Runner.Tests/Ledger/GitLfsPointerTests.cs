using NUnit.Framework;
using Runner.Cli.Commands;
using Runner.Core.Ledger;

namespace Runner.Tests.Ledger;

/// <summary>
/// ledger/labels/ lives in Git LFS: a clone without `git lfs pull` holds pointers there. Verify lists them as not
/// fetched, apart from a corrupt file, and readers skip them.
/// </summary>
public class GitLfsPointerTests
{
    const string Pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 1234567\n";

    string root = "";

    [SetUp]
    public void SetUp()
    {
        root = Directory.CreateTempSubdirectory("runner-lfs-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "labels", "spec=tiny"));
        Directory.CreateDirectory(Path.Combine(root, "rounds", "spec=tiny"));
        File.WriteAllText(Path.Combine(root, "labels", "spec=tiny", "part-20261205-101500-main-s7-abcdef1-r001.parquet"), Pointer);
        File.WriteAllText(Path.Combine(root, "rounds", "spec=tiny", "part-20261205-101500-main-s7-abcdef1-r001.parquet"), "PAR1 truncated");
    }

    [TearDown] public void TearDown() => Directory.Delete(root, recursive: true);

    [Test]
    public void APointerIsReadAsThePointedSize_AndAnythingElseIsNoPointer()
    {
        Assert.That(GitLfsPointer.PointedSize(Path.Combine(root, "labels", "spec=tiny", "part-20261205-101500-main-s7-abcdef1-r001.parquet")), Is.EqualTo(1234567));
        Assert.That(GitLfsPointer.IsPointer(Path.Combine(root, "rounds", "spec=tiny", "part-20261205-101500-main-s7-abcdef1-r001.parquet")), Is.False);
    }

    [Test]
    public async Task VerifyTellsATableNotFetchedFromACorruptOne()
    {
        var verification = await LedgerVerifier.VerifyAsync(root);

        Assert.That(verification.NotFetched, Is.EqualTo(new[] { Path.Combine(root, "labels", "spec=tiny", "part-20261205-101500-main-s7-abcdef1-r001.parquet") }));
        Assert.That(verification.Problems.Select(p => p.Path), Is.EqualTo(new[] { Path.Combine(root, "rounds", "spec=tiny", "part-20261205-101500-main-s7-abcdef1-r001.parquet") }));
        Assert.That(verification.Problems.Single().Message, Does.StartWith("cannot read as Parquet"));

        var output = new StringWriter();
        Assert.That(LedgerVerifyCommand.Execute(root, output, new StringWriter()), Is.EqualTo(1), "the corrupt file fails it");
        Assert.That(output.ToString(), Does.Contain("labels/spec=tiny/part-20261205-101500-main-s7-abcdef1-r001.parquet: not fetched (a Git LFS pointer)\n"));
        Assert.That(output.ToString().TrimEnd().Split('\n')[^1], Is.EqualTo(
            "2 files, 0 rows, 1 problem; 1 file not fetched, which is no problem (`git lfs pull --include \"ledger/labels/**\"` fetches them)"));

        File.Delete(Path.Combine(root, "rounds", "spec=tiny", "part-20261205-101500-main-s7-abcdef1-r001.parquet"));
        Assert.That(LedgerVerifyCommand.Execute(root, new StringWriter(), new StringWriter()), Is.EqualTo(0), "a pointer alone is no problem");
    }

    [Test]
    public async Task ReadersSkipPointers()
    {
        Assert.That(await new LedgerReader(root).ReadAsync<LabelRow>(), Is.Empty);
    }
}
