using Runner.Core.Specs;

namespace Runner.Cli.Commands;

/// <summary>Loads spec files, printing every problem as `file:line:col: key: message` on stderr.</summary>
public static class SpecFiles
{
    /// <summary>
    /// The loaded specs, each with the --set <paramref name="overrides"/>, or null when any file has a problem
    /// (all of them are reported).
    /// </summary>
    public static IReadOnlyList<LoadedSpec>? LoadAll(IEnumerable<string> paths, TextWriter errors, IReadOnlyList<string>? overrides = null)
    {
        var loaded = new List<LoadedSpec>();
        bool ok = true;
        foreach (var path in paths)
        {
            if (SpecLoader.TryLoad(path, overrides ?? [], out var spec, out var problems)) loaded.Add(spec);
            else
            {
                ok = false;
                foreach (var problem in problems) errors.WriteLine(problem);
            }
        }
        return ok ? loaded : null;
    }
}
