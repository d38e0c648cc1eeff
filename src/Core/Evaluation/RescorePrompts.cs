using Runner.Core.Tasks;

namespace Runner.Core.Evaluation;

/// <summary>
/// The prompts `runner eval` scores at a difficulty, kept disjoint from what the run trained on.
/// They extend the run's own held-out set (<see cref="HeldOutPrompts.Draws"/>: its first prompts
/// are exactly the ones the run evaluated, which training and labelling skipped). Prompts past
/// that set were not held out, so they are used only where the run's training inputs are known:
/// above D0, where every input it trained on is one it labelled (<paramref name="labelled"/>, from
/// the ledger), and those are skipped. At a D0 difficulty, drawn freely for training, or when the
/// run's labels cannot all be read, the run's held-out set is all there is.
/// </summary>
public sealed class RescorePrompts(ITask task, int seed, int runExamples, int examples,
    IReadOnlySet<Difficulty> trainedFromTruth, IReadOnlySet<string>? labelled)
{
    public IReadOnlyList<string> For(Difficulty difficulty)
    {
        int heldOut = HeldOutPrompts.Count(task, difficulty, runExamples);
        int wanted = HeldOutPrompts.Count(task, difficulty, examples);
        var draws = HeldOutPrompts.Draws(task, seed, difficulty);
        if (wanted <= heldOut) return draws.Take(wanted).ToList();
        if (trainedFromTruth.Contains(difficulty) || labelled is null) return draws.Take(heldOut).ToList();
        // Every labelled prompt skipped at most once: the stream never has to run dry.
        int most = (int)Math.Min(task.PromptCount(difficulty), (double)wanted + labelled.Count);
        var chosen = new List<string>(wanted);
        foreach (var (prompt, index) in draws.Take(most).Select((p, i) => (p, i)))
        {
            if (index < heldOut || !labelled.Contains(prompt)) chosen.Add(prompt);
            if (chosen.Count == wanted) break;
        }
        return chosen;
    }
}
