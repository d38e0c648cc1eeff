using LibGit2Sharp;
using Runner.Core.Ledger.Diff;

namespace Runner.Core.Specs;

/// <summary>The spec files a change adds or edits: what CI runs for a pull request or a push.</summary>
public static class ChangedSpecs
{
    static readonly string[] Extensions = [".yaml", ".yml"];

    /// <summary>
    /// The spec files (.yaml or .yml under <paramref name="folder"/>, relative to the repository root) that
    /// <paramref name="head"/> adds, edits or renames since it forked from <paramref name="base"/> (git diff
    /// BASE...HEAD, as a pull request shows it), as '/'-separated paths from the repository root, sorted. Deleted
    /// specs are left out: there is nothing to run. <paramref name="path"/> is any path inside the repository.
    /// Throws <see cref="RevisionException"/> for an unknown revision or no repository.
    /// </summary>
    public static IReadOnlyList<string> Between(string path, string @base, string head, string folder = "specs")
    {
        using var repo = GitRevision.Open(path);
        var from = GitRevision.MergeBase(repo, @base, head);
        var to = GitRevision.Resolve(repo, head);
        string prefix = folder.Replace('\\', '/').Trim('/') + "/";
        return repo.Diff.Compare<TreeChanges>(from.Tree, to.Tree)
            .Where(c => c.Status is ChangeKind.Added or ChangeKind.Modified or ChangeKind.Renamed or ChangeKind.Copied or ChangeKind.TypeChanged)
            .Select(c => c.Path.Replace('\\', '/'))
            .Where(p => (prefix == "/" || p.StartsWith(prefix, StringComparison.Ordinal)) && Extensions.Any(e => p.EndsWith(e, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
