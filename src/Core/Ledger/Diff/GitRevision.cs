using LibGit2Sharp;

namespace Runner.Core.Ledger.Diff;

/// <summary>What the user's revisions name in a repository: commits, and where two branches forked.</summary>
public static class GitRevision
{
    /// <summary>
    /// The commit <paramref name="revision"/> (SHA, short SHA, branch, tag, HEAD~1, ...) names.
    /// Throws <see cref="RevisionException"/> for one that names no commit.
    /// </summary>
    public static Commit Resolve(Repository repo, string revision)
    {
        try
        {
            // Peel: a tag (annotated or not) or a branch names the commit it points at.
            if (!string.IsNullOrWhiteSpace(revision) && repo.Lookup(revision)?.Peel<Commit>() is { } commit)
                return commit;
        }
        catch (AmbiguousSpecificationException)
        {
            throw new RevisionException($"ambiguous revision '{revision}' in {Where(repo)}: give more of the SHA");
        }
        catch (LibGit2SharpException)
        {
            // Malformed, or not peelable to a commit (a tree's SHA): to the user, not a revision of this repository.
        }
        throw new RevisionException($"unknown revision '{revision}' in {Where(repo)}");
    }

    /// <summary>
    /// Where <paramref name="head"/> forked from <paramref name="base"/> (git merge-base): what a pull request
    /// is compared with. Throws <see cref="RevisionException"/> when the two share no history.
    /// </summary>
    public static Commit MergeBase(Repository repo, string @base, string head)
    {
        Commit a = Resolve(repo, @base), b = Resolve(repo, head);
        return repo.ObjectDatabase.FindMergeBase(a, b)
            ?? throw new RevisionException($"'{@base}' and '{head}' have no common ancestor in {Where(repo)}");
    }

    /// <summary>
    /// The repository that contains <paramref name="path"/> (or, when it does not exist yet, its nearest existing
    /// parent). Throws <see cref="RevisionException"/> when there is none.
    /// </summary>
    public static Repository Open(string path)
    {
        string full = Path.GetFullPath(path);
        string? start = full;
        while (start is not null && !Directory.Exists(start))
            start = Path.GetDirectoryName(start);
        string? gitDir = start is null ? null : Repository.Discover(start);
        return gitDir is null
            ? throw new RevisionException($"not a git repository (nor any parent folder): {start ?? full}")
            : new Repository(gitDir);
    }

    static string Where(Repository repo) => repo.Info.WorkingDirectory ?? repo.Info.Path;
}
