using LibGit2Sharp;

namespace Runner.Tests.EndToEnd;

/// <summary>A temporary git repository to commit files in, as a pull request's history would have them.</summary>
public sealed class TempRepository : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("runner-repo-").FullName;

    public TempRepository() => Repository.Init(Root);

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public TempRepository Write(string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllText(PathOf(relative), text);
        return this;
    }

    public TempRepository Delete(string relative)
    {
        File.Delete(PathOf(relative));
        return this;
    }

    /// <summary>Commits everything in the working tree (additions and deletions) on the current branch; returns its SHA.</summary>
    public string Commit(string message)
    {
        using var repo = new Repository(Root);
        Commands.Stage(repo, "*");
        var signature = new Signature("Test", "test@example.com", DateTimeOffset.UtcNow);
        return repo.Commit(message, signature, signature).Sha;
    }

    /// <summary>Creates <paramref name="branch"/> at HEAD if it does not exist, and checks it out.</summary>
    public void Checkout(string branch)
    {
        using var repo = new Repository(Root);
        var existing = repo.Branches[branch] ?? repo.CreateBranch(branch, repo.Head.Tip);
        Commands.Checkout(repo, existing);
    }

    public string Branch
    {
        get { using var repo = new Repository(Root); return repo.Head.FriendlyName; }
    }

    public void Dispose()
    {
        // git makes its object files read-only.
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
            File.SetAttributes(file, FileAttributes.Normal);
        Directory.Delete(Root, recursive: true);
    }
}
