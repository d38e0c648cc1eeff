using System.Text;
using Runner.Reports.Figures;

namespace Runner.Reports;

/// <summary>
/// What a report writes, by path relative to its folder: index.html, figures/&lt;name&gt;.svg|png|csv
/// and tables/&lt;name&gt;.md|tex. Names are stable (an arm's name, a round number), so a paper's
/// LaTeX can include them and a rerun of the report updates them in place.
/// </summary>
public sealed class Exports(FigureStyle? paper = null)
{
    /// <summary>With `--paper`: the column figures are drawn for and tables fitted to; paper/ holds them.</summary>
    public FigureStyle? Paper { get; } = paper;

    readonly SortedDictionary<string, byte[]> files = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, byte[]> Files => files;

    public void Add(string path, string text) => files[path] = Encoding.UTF8.GetBytes(text);

    public void Add(string path, byte[] bytes) => files[path] = bytes;

    /// <summary>A name as a path segment: letters, digits, '.', '_' and '-' kept, anything else '-'.</summary>
    public static string Slug(string name)
    {
        var slug = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray()).Trim('.');
        return slug.Length == 0 ? "unnamed" : slug;
    }

    /// <summary>Writes every file under <paramref name="folder"/>, each to a temporary name and then renamed into place.</summary>
    public void WriteTo(string folder)
    {
        foreach (var (path, bytes) in files)
        {
            string target = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            string temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Environment.ProcessId}.tmp");
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, target, overwrite: true);
        }
    }
}
