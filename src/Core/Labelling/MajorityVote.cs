namespace Runner.Core.Labelling;

/// <summary>The most common of several models' outputs for one prompt, and how many wrote it.</summary>
public readonly record struct Vote(Decoded Output, int Votes, bool Tied);

/// <summary>
/// Majority vote over the models' outputs (the paper's filters). Outputs are compared as the text
/// before EOS, so padding never splits a vote (the research code compared padded token tuples),
/// and an output that never ended differs from one that did.
/// </summary>
public static class MajorityVote
{
    public static Vote Tally(IReadOnlyList<Decoded> outputs)
    {
        var counts = outputs.GroupBy(o => o).Select(g => (Output: g.Key, Votes: g.Count())).ToList();
        int top = counts.Max(c => c.Votes);
        // The first model's output among the tied ones, so the choice is deterministic; a tie keeps nothing anyway.
        var winner = counts.First(c => c.Votes == top);
        return new Vote(winner.Output, top, Tied: counts.Count(c => c.Votes == top) > 1);
    }

    /// <summary>Votes needed to keep a label: threshold x models, rounded up (0.7 x 5 = 3.5: 4 votes; 0.6 x 5 = 3 votes).</summary>
    public static int Required(double threshold, int models) => (int)Math.Ceiling(threshold * models - 1e-9);
}
