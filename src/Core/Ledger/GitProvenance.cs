using LibGit2Sharp;

namespace Runner.Core.Ledger;

/// <summary>Captures the git state of the code a run is started from.</summary>
public static class GitProvenance
{
    /// <summary>Folders (relative to the repository root) the tool writes itself; changes there do not make the tree dirty.</summary>
    public static IReadOnlyList<string> DefaultExcludedFolders { get; } = ["ledger", "runs", "reports"];

    /// <summary>
    /// Finds the repository containing <paramref name="path"/> (a file or folder) and reports HEAD's sha,
    /// the branch and whether anything is uncommitted (modified, staged or untracked-not-ignored),
    /// ignoring changes under ledger/, runs/ and reports/ and under <paramref name="excludedFolders"/>
    /// (relative to the repository root, or absolute: a --ledger or --runs elsewhere).
    /// Not being in a repository is a normal answer, not an error.
    /// </summary>
    public static GitInfo Capture(string path, IEnumerable<string>? excludedFolders = null)
    {
        string start = Path.GetFullPath(path);
        if (File.Exists(start))
            start = Path.GetDirectoryName(start)!;

        string? gitDir = Directory.Exists(start) ? Repository.Discover(start) : null;
        if (gitDir is null)
            return GitInfo.NotInRepository;

        using var repo = new Repository(gitDir);
        // An unborn HEAD (no commits yet) has no sha to record.
        string sha = repo.Head.Tip?.Sha ?? GitInfo.Unknown;
        string branch = repo.Info.IsHeadDetached ? "(detached)" : repo.Head.FriendlyName;

        string[] excluded = DefaultExcludedFolders.Concat(excludedFolders ?? [])
            // Absolute folders (e.g. a --ledger path) are taken relative to the working tree.
            .Select(f => Path.IsPathRooted(f) && repo.Info.WorkingDirectory is { } root ? Path.GetRelativePath(root, f) : f)
            .Select(f => f.Replace('\\', '/').Trim('/') + "/")
            .ToArray();
        var changed = repo.Info.IsBare ? [] : repo.RetrieveStatus(new StatusOptions
            {
                IncludeUntracked = true,
                IncludeIgnored = false,
                // An untracked folder is reported once ("runs/") instead of file by file: cheaper, and the prefix test still works.
                RecurseUntrackedDirs = false,
            })
            .Where(e => e.State is not (FileStatus.Unaltered or FileStatus.Ignored))
            .Select(e => e.FilePath.Replace('\\', '/'))
            // ...except for a folder that holds an excluded one (out/ for a --ledger out/ledger): its files count one by one.
            .SelectMany(path => path.EndsWith('/') && excluded.Any(p => p.StartsWith(path, StringComparison.Ordinal) && p != path)
                ? UntrackedFilesUnder(repo, path) : [path])
            .Where(path => !IsExcluded(path, excluded))
            .Order(StringComparer.Ordinal)
            .ToList();

        return new GitInfo(sha, branch, changed.Count > 0, InRepository: true)
        {
            CodeTree = repo.Head.Tip is { } tip ? CodeTreeOf(tip.Tree, excluded) : GitInfo.Unknown,
            ChangedFiles = changed,
            Diff = changed.Count == 0 || repo.Head.Tip is null ? "" : DiffOf(repo, changed),
        };
    }

    /// <summary>A hash of the commit's entries minus the excluded folders: the code, not the results.</summary>
    static string CodeTreeOf(Tree tree, string[] excluded) => Hashing.Sha256Hex(string.Join("\n", CodeEntries(tree, excluded)));

    /// <summary>The tree's entries by their hashes; a folder that holds an excluded one (out/ for out/ledger/) is listed entry by entry.</summary>
    static IEnumerable<string> CodeEntries(Tree tree, string[] excluded) =>
        tree.OrderBy(entry => entry.Path, StringComparer.Ordinal).SelectMany(entry =>
        {
            string path = entry.Path.Replace('\\', '/') + (entry.TargetType == TreeEntryTargetType.Tree ? "/" : "");
            if (IsExcluded(path, excluded)) return [];
            if (entry.Target is Tree folder && excluded.Any(p => p.StartsWith(path, StringComparison.Ordinal)))
                return CodeEntries(folder, excluded);
            return new[] { $"{entry.Mode} {entry.Target.Sha} {entry.Path}" };
        });

    /// <summary>The uncommitted change to tracked files as a patch (untracked files are listed by name only).</summary>
    static string DiffOf(Repository repo, IReadOnlyList<string> changed)
    {
        var patch = repo.Diff.Compare<Patch>(repo.Head.Tip.Tree, DiffTargets.Index | DiffTargets.WorkingDirectory, changed);
        return patch.Content;
    }

    /// <summary>The files below an untracked folder that git does not ignore, as paths relative to the working tree.</summary>
    static IEnumerable<string> UntrackedFilesUnder(Repository repo, string folder)
    {
        string root = repo.Info.WorkingDirectory;
        return Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Where(path => !repo.Ignore.IsPathIgnored(path));
    }

    static bool IsExcluded(string relativePath, string[] excludedPrefixes) =>
        excludedPrefixes.Any(p => relativePath.StartsWith(p, StringComparison.Ordinal));
}
