using LibGit2Sharp;
using NUnit.Framework;
using Runner.Core.Ledger;

namespace Runner.Tests.Ledger;

public class GitProvenanceTests
{
    string _dir = "";

    [SetUp] public void SetUp() => _dir = Directory.CreateTempSubdirectory("runner-git-").FullName;
    [TearDown] public void TearDown() => Directory.Delete(_dir, recursive: true);

    void Write(string relative, string text)
    {
        string path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    Commit InitWithCommit()
    {
        Repository.Init(_dir);
        Write("train.txt", "v1");
        Write("ledger/README.md", "tracked file inside the ledger");
        Write("src/code.txt", "code");
        using var repo = new Repository(_dir);
        Commands.Stage(repo, "*");
        var signature = new Signature("Test", "test@example.com", DateTimeOffset.UtcNow);
        return repo.Commit("initial", signature, signature);
    }

    [Test]
    public void CleanAfterCommitWithHeadSha()
    {
        Commit commit = InitWithCommit();

        GitInfo info = GitProvenance.Capture(_dir);

        Assert.That(info.InRepository, Is.True);
        Assert.That(info.IsDirty, Is.False);
        Assert.That(info.Sha, Is.EqualTo(commit.Sha));
        Assert.That(info.Branch, Is.Not.Empty);
        Assert.That(GitProvenance.Capture(Path.Combine(_dir, "src", "code.txt")).Sha, Is.EqualTo(commit.Sha),
            "a path below the root discovers the same repository");
    }

    [Test]
    public void EditingATrackedFileMakesItDirty()
    {
        InitWithCommit();
        Write("src/code.txt", "changed");

        Assert.That(GitProvenance.Capture(_dir).IsDirty, Is.True);
    }

    [Test]
    public void UntrackedOrStagedFilesMakeItDirty()
    {
        InitWithCommit();
        Write("notes.txt", "new");
        Assert.That(GitProvenance.Capture(_dir).IsDirty, Is.True);

        using (var repo = new Repository(_dir))
            Commands.Stage(repo, "notes.txt");
        Assert.That(GitProvenance.Capture(_dir).IsDirty, Is.True);
    }

    [Test]
    public void ChangesUnderLedgerAndRunsAreNotDirt()
    {
        InitWithCommit();
        Write("ledger/rounds/spec=add/part-run1-r000.parquet", "data");
        Write("ledger/README.md", "tracked, but the tool owns this folder");
        Write("runs/20250101-000000-main-s41-abcdef0/log.txt", "log");

        Assert.That(GitProvenance.Capture(_dir).IsDirty, Is.False);
    }

    [Test]
    public void ALedgerElsewhereAddsToTheExcludedFoldersWithoutReplacingThem()
    {
        InitWithCommit();
        Write("ledger/rounds/spec=add/part-run1-r000.parquet", "data");
        Write("alt/rounds/spec=add/part-run1-r000.parquet", "data");

        Assert.That(GitProvenance.Capture(_dir, [Path.Combine(_dir, "alt")]).IsDirty, Is.False);
        Assert.That(GitProvenance.Capture(_dir).ChangedFiles, Is.EqualTo(new[] { "alt/" }));
    }

    [Test]
    public void ALedgerNestedInAFolderIsExcludedFromTheDirtCheckAndTheCodeTree()
    {
        InitWithCommit();
        var nested = new[] { Path.Combine(_dir, "out", "ledger") };
        Write("out/ledger/rounds/spec=add/part-run1-r000.parquet", "data");
        var before = GitProvenance.Capture(_dir, nested);

        Assert.That(before.IsDirty, Is.False, "out/ holds nothing but the ledger");

        using (var repo = new Repository(_dir))
        {
            Commands.Stage(repo, "*");
            var signature = new Signature("Test", "test@example.com", DateTimeOffset.UtcNow);
            repo.Commit("results", signature, signature);
        }
        Assert.That(GitProvenance.Capture(_dir, nested).CodeTree, Is.EqualTo(before.CodeTree), "committing results is not a code change");

        Write("out/notes.txt", "code next to the ledger");
        var withCode = GitProvenance.Capture(_dir, nested);
        Assert.That(withCode.ChangedFiles, Is.EqualTo(new[] { "out/notes.txt" }));
    }

    [Test]
    public void RepositoryWithoutCommitsHasUnknownSha()
    {
        Repository.Init(_dir);

        GitInfo info = GitProvenance.Capture(_dir);

        Assert.That(info.InRepository, Is.True);
        Assert.That(info.Sha, Is.EqualTo("unknown"));
    }

    [Test]
    public void OutsideARepositoryIsUnknownNotAnError()
    {
        Assume.That(Repository.Discover(_dir), Is.Null, "the temp folder must not be inside a git repository");

        GitInfo info = GitProvenance.Capture(_dir);

        Assert.That(info.InRepository, Is.False);
        Assert.That(info.Sha, Is.EqualTo("unknown"));
        Assert.That(info.IsDirty, Is.False);
    }
}
