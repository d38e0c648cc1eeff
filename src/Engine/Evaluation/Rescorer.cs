using Runner.Core;
using Runner.Core.Evaluation;
using Runner.Core.Ledger;
using Runner.Core.Model;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Engine.Labelling;
using Runner.Engine.Model;
using Runner.Engine.Native;
using Runner.Engine.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Engine.Evaluation;

/// <summary>
/// Evaluates a recorded run's checkpoints again without training (`runner eval`, as the paper's
/// experiments/*_eval.sh re-score every round): each round's models, on the window the new eval
/// section gives for what that round had trained on, greedy decoding as in the run, with the
/// per-token entropy of each answer. Prompts come from <see cref="RescorePrompts"/>, so they stay
/// disjoint from what the run trained on.
/// </summary>
public sealed class Rescorer(RunRow run, Spec spec, Checkpoint checkpoint, Device device)
{
    readonly ITask task = TaskCatalog.Create(spec.Task.Kind);

    /// <summary>How many models each round has: the vote's voters, else one.</summary>
    public int Models => SpecKinds.Builtin.Models(spec.SelfImprove.Filters);

    /// <summary>
    /// The rows of one round, every model and difficulty. <paramref name="labelled"/>: every prompt
    /// the run labelled (null when the ledger does not hold them all: then no prompt past the run's held-out set is used).
    /// </summary>
    public IReadOnlyList<RescoreRow> Round(int round, EvalSpec eval, IReadOnlySet<string>? labelled, string gitSha)
    {
        var state = checkpoint.ReadState(round);
        int largestTrained = state.Trained.Select(Difficulty.Parse).Max(d => d.Size);
        var window = EvaluationWindow.For(spec with { Eval = eval }, task, largestTrained);
        var d0 = task.Levels(spec.Task.D0.Min, spec.Task.D0.Max).ToHashSet();
        var prompts = new RescorePrompts(task, run.Seed, spec.Eval.Examples, eval.Examples, d0, labelled);
        var byDifficulty = window.ToDictionary(d => d, prompts.For);
        var tokenizer = new Tokenizer(task.Vocabulary);
        string settings = RescoreSettings.Describe(eval);
        var rows = new List<RescoreRow>();
        for (int member = 0; member < Models; member++)
        {
            using var model = ModelFactory.Create(spec.Model, tokenizer);
            model.LoadTrained(checkpoint.WeightsPath(round, member));
            model.to(device);
            if (model is Transformer own) own.MatmulType = Precision.MatmulType(spec.Training.Precision);
            var decoder = new GreedyDecoder(model, tokenizer, device);
            foreach (var difficulty in window)
            {
                var set = byDifficulty[difficulty];
                if (set.Count == 0) continue;
                var outputs = decoder.DecodeWithEntropy(set, Labeller.MaxAnswerTokens(task, set), spec.SelfImprove.DecodeBatch);
                int correct = Evaluator.Correct(task, set, outputs.Select(o => o.Output).ToList());
                rows.Add(new RescoreRow
                {
                    RunId = run.RunId, SpecName = run.SpecName, Arm = run.Arm, Seed = run.Seed, GitSha = gitSha, RunKey = run.RunKey,
                    Settings = settings, Round = round, Difficulty = difficulty.A, DifficultyB = LedgerDifficulty.B(difficulty), Member = member,
                    Examples = set.Count, Correct = correct, Accuracy = (double)correct / set.Count,
                    MeanEntropy = outputs.Average(o => o.MeanEntropy),
                });
            }
            FreedMemory.Release();
        }
        return rows;
    }
}
