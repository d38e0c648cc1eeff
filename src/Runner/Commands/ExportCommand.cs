using System.CommandLine;
using Runner.Core.Ledger;
using Runner.Core.Specs;
using Runner.Engine;
using Runner.Engine.Runs;

namespace Runner.Cli.Commands;

/// <summary>
/// `runner export RUN ROUND DIR`: a trained model as a Hugging Face Llama directory (config.json,
/// model.safetensors, tokenizer.json), for transformers and every tool that reads that format, and
/// for a spec's model.pretrained.path.
/// </summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "Run id, or a prefix of exactly one run id" };
        var round = new Argument<int>("round") { Description = "The round whose checkpoint to export (0: after D0)" };
        var folder = new Argument<string>("dir") { Description = "Directory to write the Hugging Face model into" };
        var model = new Option<int>("--model") { Description = "Which model of a majority vote (0: the first)", DefaultValueFactory = _ => 0 };
        var ledger = LedgerOption.Create();
        var runs = new Option<string>("--runs") { Description = "Folder the run's checkpoints are in", DefaultValueFactory = _ => "runs" };
        var command = new Command("export", "Write a round's model as a Hugging Face Llama directory (config.json, model.safetensors, tokenizer.json)")
        {
            run, round, folder, model, ledger, runs,
        };
        command.SetAction(parse => Execute(parse.GetValue(run)!, parse.GetValue(round), parse.GetValue(folder)!, parse.GetValue(model),
            parse.GetValue(ledger)!, parse.GetValue(runs)!, Console.Out, Console.Error));
        return command;
    }

    public static int Execute(string run, int round, string folder, int model, string ledger, string runs, TextWriter output, TextWriter errors) =>
        LedgerErrors.Guard(errors, () =>
        {
            var matches = new RunCatalog(new LedgerReader(ledger)).FindAsync(run).GetAwaiter().GetResult();
            if (matches.Count != 1)
            {
                errors.WriteLine(matches.Count == 0 ? $"no run '{run}' in {ledger}" : $"run '{run}' is ambiguous in {ledger}; it matches:");
                foreach (var match in matches) errors.WriteLine("  " + match.RunId);
                return ExitCodes.NoSuchRun;
            }
            var found = matches[0];
            if (found.Row is null || !SpecLoader.TryParse(found.Row.SpecYaml, "spec_yaml", out var spec, out _))
            {
                errors.WriteLine($"run {found.RunId} has no recorded spec in {ledger} yet (it is recorded when the run ends)");
                return ExitCodes.Failed;
            }
            try
            {
                var read = RunExport.Write(spec.Base, Path.Combine(runs, found.RunId), round, model, folder);
                output.WriteLine($"{folder}: {found.RunId} round {round}{(model > 0 ? $" model {model}" : "")} (from {read}) as a Hugging Face Llama directory");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is RunException or IOException or UnauthorizedAccessException)
            {
                errors.WriteLine($"runner: error: {e.Message}");
                return ExitCodes.Failed;
            }
        });
}
