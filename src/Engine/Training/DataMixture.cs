using Runner.Core.Evaluation;
using Runner.Core.Tasks;

namespace Runner.Engine.Training;

/// <summary>
/// Where each training example comes from (METHOD.md section 3): with probability
/// <c>newestFraction</c> the newest round's labels; otherwise D0 (weight: its number of
/// difficulty levels) or an older round (weight 1, or its number of difficulties when
/// <c>weighRoundsByDifficulties</c>: the accelerated and explicit schedules, whose round may
/// stand for several uniform ones). D0 is generated on the fly; labelled sets are sampled with
/// replacement, so small sets repeat. Prompts held out for evaluation are never drawn.
/// </summary>
public sealed class DataMixture(ITask task, int d0Min, int d0Max, double newestFraction, HeldOutPrompts heldOut,
    bool weighRoundsByDifficulties)
{
    readonly int d0Levels = task.Levels(d0Min, d0Max).Count;
    readonly List<LabelledSet> rounds = [];

    public IReadOnlyList<LabelledSet> Rounds => rounds;

    /// <summary>Adds a round's kept labels; an empty set adds nothing to draw from.</summary>
    public void Add(LabelledSet set)
    {
        if (set.Examples.Count > 0) rounds.Add(set);
    }

    public Example Sample(Random rng)
    {
        if (rounds.Count == 0) return SampleD0(rng);
        if (rng.NextDouble() < newestFraction) return Pick(rounds[^1], rng);

        double d0Weight = d0Levels;
        double total = d0Weight + rounds.Take(rounds.Count - 1).Sum(Weight);
        double draw = rng.NextDouble() * total - d0Weight;
        if (draw < 0) return SampleD0(rng);
        foreach (var older in rounds.Take(rounds.Count - 1))
        {
            draw -= Weight(older);
            if (draw < 0) return Pick(older, rng);
        }
        return Pick(rounds[^2], rng); // only reached through rounding at the top end
    }

    int Weight(LabelledSet older) => weighRoundsByDifficulties ? older.Difficulties.Count : 1;

    Example SampleD0(Random rng)
    {
        while (true)
        {
            var example = task.SampleTraining(d0Min, d0Max, rng);
            if (!heldOut.Contains(example.Prompt)) return example;
        }
    }

    static Example Pick(LabelledSet set, Random rng) => set.Examples[rng.Next(set.Examples.Count)];
}
