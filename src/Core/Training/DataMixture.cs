using Runner.Core.Evaluation;
using Runner.Core.Tasks;

namespace Runner.Core.Training;

/// <summary>
/// Where each training example comes from (the paper's training): with probability
/// <c>newestFraction</c> the newest round's labels; otherwise D0 or an older round, in
/// proportion to their weights as the paper's sampling code sets them: D0 weighs the lengths of
/// its first operand (<see cref="ITask.D0Weight"/>), an older round 1, or when
/// <c>weighRoundsByDifficulties</c> (the accelerated and explicit schedules, whose round may
/// stand for several uniform ones) <see cref="ITask.RoundWeight"/>. D0 is generated on the fly;
/// labelled sets are sampled with replacement, so small sets repeat. Prompts held out for
/// evaluation are never drawn.
/// </summary>
public sealed class DataMixture(ITask task, int d0Min, int d0Max, double newestFraction, HeldOutPrompts heldOut,
    bool weighRoundsByDifficulties)
{
    readonly int d0Weight = task.D0Weight(d0Min, d0Max);
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

    int Weight(LabelledSet older) => weighRoundsByDifficulties ? task.RoundWeight(older.Difficulties) : 1;

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
