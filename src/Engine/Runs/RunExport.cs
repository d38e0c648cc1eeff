using Runner.Core.Model;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Engine.Model;
using Runner.Engine.Model.Pretrained;
using static TorchSharp.torch;

namespace Runner.Engine.Runs;

/// <summary>
/// A round's checkpoint of a recorded run, rebuilt from its spec and written as a Hugging Face
/// Llama directory (<see cref="HuggingFaceExport"/>): `runner export RUN ROUND DIR`.
/// </summary>
public static class RunExport
{
    /// <summary>Writes model <paramref name="member"/> of round <paramref name="round"/>; returns the checkpoint file it read.</summary>
    public static string Write(Spec spec, string runFolder, int round, int member, string folder)
    {
        var weights = Path.Combine(runFolder, $"round-{round:D3}.{(member == 0 ? "" : $"m{member}.")}pt");
        if (!File.Exists(weights))
        {
            var rounds = Directory.Exists(runFolder)
                ? Directory.GetFiles(runFolder, member == 0 ? "round-???.pt" : $"round-???.m{member}.pt").Select(f => Path.GetFileName(f)[6..9].TrimStart('0').PadLeft(1, '0')).Order().ToList()
                : [];
            throw new RunException($"{weights}: no checkpoint of round {round}" + (member > 0 ? $", model {member}" : "") +
                (rounds.Count > 0 ? $" (this run's checkpoints: rounds {string.Join(", ", rounds)})" : $" ({runFolder} holds none: a checkpoint lives where the run was run, under --runs)"));
        }
        var tokenizer = new Tokenizer(TaskCatalog.Create(spec.Task.Kind).Vocabulary);
        using var model = ModelFactory.Create(spec.Model, tokenizer);
        model.LoadTrained(weights);
        var baseFolder = spec.Model.Pretrained is { } pretrained ? PretrainedSpecRules.Folder(pretrained) : null;
        HuggingFaceExport.Write(model, tokenizer, folder, baseFolder);
        return weights;
    }
}
