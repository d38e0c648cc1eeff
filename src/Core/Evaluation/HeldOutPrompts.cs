using Runner.Core.Tasks;

namespace Runner.Core.Evaluation;

/// <summary>
/// The evaluation prompts of every difficulty, fixed by the seed: difficulty d's set comes from
/// its own random stream, so it is the same whenever it is first asked for. The loop asks for a
/// difficulty's set before it trains on or labels anything of that difficulty, and training and
/// labelling skip these prompts, so evaluation inputs stay disjoint from both (the paper's
/// code drew them independently, so they could overlap). At most half of a small difficulty's
/// prompts are held out, so training always has inputs left.
/// </summary>
public sealed class HeldOutPrompts(ITask task, int seed, int examplesPerDifficulty)
{
    readonly Dictionary<Difficulty, IReadOnlyList<string>> byDifficulty = [];
    readonly HashSet<string> all = [];

    public IReadOnlyList<string> For(Difficulty difficulty)
    {
        if (byDifficulty.TryGetValue(difficulty, out var prompts)) return prompts;
        var chosen = Draws(task, seed, difficulty).Take(Count(task, difficulty, examplesPerDifficulty)).ToList();
        all.UnionWith(chosen);
        byDifficulty[difficulty] = chosen;
        return chosen;
    }

    public bool Contains(string prompt) => all.Contains(prompt);

    /// <summary>
    /// The difficulty's evaluation stream, each prompt once, in the order drawn: a held-out set of
    /// n prompts is its first n, so asking for more examples extends a set and never changes it.
    /// Endless: take at most <see cref="ITask.PromptCount"/> of it.
    /// </summary>
    public static IEnumerable<string> Draws(ITask task, int seed, Difficulty difficulty)
    {
        var rng = new Rng(SeedStreams.Derive(seed, $"eval/{difficulty}"));
        var seen = new HashSet<string>();
        while (true)
        {
            var prompt = task.SamplePrompt(difficulty, rng);
            if (seen.Add(prompt)) yield return prompt;
        }
    }

    /// <summary>How many prompts a difficulty holds out: the examples asked for, at most half of all its prompts.</summary>
    public static int Count(ITask task, Difficulty difficulty, int examplesPerDifficulty) =>
        (int)Math.Min(examplesPerDifficulty, Math.Floor(task.PromptCount(difficulty) / 2));
}
