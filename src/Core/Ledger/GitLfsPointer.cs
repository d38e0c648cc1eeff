using System.Text;

namespace Runner.Core.Ledger;

/// <summary>
/// A Git LFS pointer: the few lines git checks out in place of a large file that was not fetched
/// (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md). The repository keeps ledger/labels/ in LFS
/// (.gitattributes), so a clone without `git lfs pull` holds pointers there: a table not fetched, not a
/// corrupt one.
/// </summary>
public static class GitLfsPointer
{
    const string Header = "version https://git-lfs.github.com/spec/v1\n";
    // The spec caps a pointer at 1024 bytes; anything larger is the file itself.
    const int MaxSize = 1024;

    /// <summary>The size of the file a pointer stands for, or null when <paramref name="path"/> is no pointer.</summary>
    public static long? PointedSize(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length > MaxSize) return null;
        string text = Encoding.UTF8.GetString(File.ReadAllBytes(path));
        if (!text.StartsWith(Header, StringComparison.Ordinal)) return null;
        var size = text.Split('\n').FirstOrDefault(l => l.StartsWith("size ", StringComparison.Ordinal));
        return size is not null && long.TryParse(size["size ".Length..], out long bytes) ? bytes : 0;
    }

    public static bool IsPointer(string path) => PointedSize(path) is not null;
}
