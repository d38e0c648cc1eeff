using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;
using Runner.Core.Plans;
using Runner.Core.Specs;
using Runner.Engine.Runs;

namespace Runner.Cli.Commands;

/// <summary>`runner specs matrix SPEC... --shards N`: the CI job matrix that runs specs as shards, as JSON.</summary>
public static class SpecsMatrixCommand
{
    public static Command Create()
    {
        var specs = new Argument<string[]>("spec") { Description = "Spec files", Arity = ArgumentArity.ZeroOrMore };
        var shards = new Option<int>("--shards") { Description = "Shards per spec at most (a spec gets no more than it has seeds)", HelpName = "N", DefaultValueFactory = _ => 1 };
        var set = SpecOptions.Set();
        var command = new Command("matrix",
            "Print, as one line of JSON, the jobs that run each spec in shards: {\"specs\": [{path, name, id, shards}], \"runs\": [{path, name, id, shard}]}. " +
            "A spec gets min(N, its seeds) shards; id is the path as a name for artifacts (specs/cpu/copy.yaml: specs-cpu-copy). " +
            "Specs are validated first (exit 2 with every problem).") { specs, shards, set };
        command.SetAction(parse => Execute(parse.GetValue(specs)!, parse.GetValue(shards), parse.GetValue(set)!, Console.Out, Console.Error));
        return command;
    }

    public static int Execute(IReadOnlyList<string> paths, int shards, IReadOnlyList<string> overrides, TextWriter output, TextWriter errors)
    {
        if (shards < 1)
        {
            errors.WriteLine($"runner: error: --shards must be 1 or more (got {shards})");
            return ExitCodes.InvalidArguments;
        }
        var loaded = SpecFiles.LoadAll(paths, errors, overrides);
        if (loaded is null) return ExitCodes.InvalidSpec;

        var specs = loaded.Where(spec => ModelsArePresent(spec, errors)).Select(spec => new
        {
            path = spec.Path.Replace('\\', '/'),
            name = spec.Arms[0].Spec.Name,
            id = Id(spec.Path),
            shards = Math.Min(shards, Shard.Seeds(RunPlan.For(spec)).Count),
        }).ToList();
        var runs = specs.SelectMany(s => Enumerable.Range(1, s.shards).Select(i => new { s.path, s.name, s.id, shard = $"{i}/{s.shards}" }));
        output.WriteLine(JsonSerializer.Serialize(new { specs, runs }));
        return ExitCodes.Ok;
    }

    /// <summary>
    /// A spec that starts from a pretrained model runs where its model directory is (Runner never
    /// downloads one, docs/pretrained.md): where it is not, the spec is left out of the jobs, with a note.
    /// </summary>
    static bool ModelsArePresent(LoadedSpec spec, TextWriter errors)
    {
        var missing = spec.Arms.Select(a => a.Spec.Model.Pretrained).OfType<PretrainedSpec>()
            .Select(PretrainedSpecRules.Folder).Distinct().Where(folder => !File.Exists(Path.Combine(folder, "config.json"))).ToList();
        foreach (var folder in missing)
            errors.WriteLine($"runner: note: {spec.Path} left out: it starts from {folder}, which is not on this machine (see docs/pretrained.md)");
        return missing.Count == 0;
    }

    /// <summary>
    /// A spec's path as a name for artifacts and jobs: "specs/cpu/copy.yaml" is "specs-cpu-copy". Every run of
    /// other characters becomes one '-', so an id never holds "--": CI's artifact names put that between the id and
    /// the shard, and a pattern "ledger-ID--*" matches this spec's shards and no other's.
    /// </summary>
    public static string Id(string path) =>
        Regex.Replace(Path.ChangeExtension(path.Replace('\\', '/'), null), "[^A-Za-z0-9_.]+", "-").Trim('-', '.');
}
