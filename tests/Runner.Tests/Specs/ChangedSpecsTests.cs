using NUnit.Framework;
using Runner.Core.Ledger.Diff;
using Runner.Core.Specs;
using Runner.Tests.EndToEnd;

namespace Runner.Tests.Specs;

/// <summary>`runner specs changed BASE HEAD`: the spec files a pull request adds or edits, as git diff BASE...HEAD shows them.</summary>
public class ChangedSpecsTests
{
    TempRepository repo = null!;
    string main = ""; // the first branch, whatever git's default name for it

    [SetUp]
    public void SetUp()
    {
        repo = new TempRepository();
        repo.Write("specs/a.yaml", "name: a").Write("specs/b.yaml", "name: b").Write("specs/old.yaml", "name: old")
            .Write("specs/main-only.yaml", "name: m").Write("docs/x.md", "x").Commit("first");
        main = repo.Branch;
        repo.Checkout("pr");
        repo.Write("specs/a.yaml", "name: a\nseeds: [1]").Write("specs/sub/c.yml", "name: c").Delete("specs/old.yaml")
            .Delete("specs/b.yaml").Write("specs/b2.yaml", "name: b").Write("specs/notes.txt", "n").Write("docs/x.md", "y")
            .Write("other/d.yaml", "name: d").Commit("the pull request");
        // Main moves on after the fork: its changes are not the pull request's.
        repo.Checkout(main);
        repo.Write("specs/main-only.yaml", "name: m\nseeds: [2]").Commit("main moves on");
        repo.Checkout("pr");
    }

    [TearDown] public void TearDown() => repo.Dispose();

    [Test]
    public void TheSpecsTheHeadAddsEditsOrRenamesSinceItForked_NotDeletedOnesNotOtherFiles()
    {
        Assert.That(ChangedSpecs.Between(repo.Root, main, "pr"), Is.EqualTo(new[] { "specs/a.yaml", "specs/b2.yaml", "specs/sub/c.yml" }));
        Assert.That(ChangedSpecs.Between(repo.PathOf("docs"), main, "HEAD", folder: "other"), Is.EqualTo(new[] { "other/d.yaml" }));
        Assert.That(ChangedSpecs.Between(repo.Root, "pr", main), Is.EqualTo(new[] { "specs/main-only.yaml" }), "and the other way round");
        Assert.That(ChangedSpecs.Between(repo.Root, "pr", "pr"), Is.Empty);
    }

    [Test]
    public void TheCommandPrintsOnePathALine_OrJson_AndAnUnknownRevisionExitsTwo()
    {
        var lines = RunnerProcess.Run(repo.Root, "specs", "changed", main, "pr");
        Assert.That((lines.ExitCode, lines.Stdout), Is.EqualTo((0, "specs/a.yaml\nspecs/b2.yaml\nspecs/sub/c.yml\n")));

        var json = RunnerProcess.Run(repo.Root, "specs", "changed", main, "--format", "json");
        Assert.That((json.ExitCode, json.Stdout), Is.EqualTo((0, "[\"specs/a.yaml\",\"specs/b2.yaml\",\"specs/sub/c.yml\"]\n")));

        var unknown = RunnerProcess.Run(repo.Root, "specs", "changed", "nope", "pr");
        Assert.That(unknown.ExitCode, Is.EqualTo(2));
        Assert.That(unknown.StderrLines, Is.EqualTo(new[] { $"runner: error: unknown revision 'nope' in {repo.Root}/" }));
    }

    [Test]
    public void OutsideARepositoryItSaysSo()
    {
        var outside = Directory.CreateTempSubdirectory("runner-norepo-").FullName;
        try
        {
            Assert.That(() => ChangedSpecs.Between(outside, "a", "b"),
                Throws.TypeOf<RevisionException>().With.Message.StartsWith("not a git repository (nor any parent folder): "));
        }
        finally { Directory.Delete(outside); }
    }
}
