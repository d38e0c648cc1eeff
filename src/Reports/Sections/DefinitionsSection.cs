using System.Globalization;

namespace Runner.Reports.Sections;

/// <summary>The words the page uses, defined once, with this spec's numbers (its solved threshold, its D0).</summary>
public static class DefinitionsSection
{
    public sealed record Term(string Word, string Meaning);

    public static IReadOnlyList<Term> Build(ReportContext context)
    {
        var spec = context.Sides[^1].Spec;
        string solved = spec is null ? "the spec's eval.solved" : (spec.Eval.Solved * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
        string d0 = spec is null ? "the difficulties the model is first trained on" : $"difficulties {spec.Task.D0.Min}-{spec.Task.D0.Max}, the problems with true labels the model is first trained on";
        return
        [
            new("D0", $"{d0}."),
            new("round", "Round 0 trains on D0 alone. Each later round labels fresh inputs of the next difficulties with the current model, filters the labels, and trains on them (with D0)."),
            new("arm", "One variant of the experiment (a filter, a schedule, no rounds at all); every arm of a spec shares everything else, as the table of differences shows."),
            new("solved", $"A difficulty whose exact-match accuracy on held-out inputs is at least {solved}."),
            new("frontier", "The largest difficulty up to which every difficulty, from the smallest, is solved: one forgotten easy difficulty holds it down however far past D0 the model gets."),
            new("reach past D0", "The largest difficulty past D0 up to which every difficulty past D0 is solved (D0's top when the first past it is not): the frontier without D0."),
            new("lowest accuracy on D0", "The lowest exact-match accuracy over D0's difficulties: whether self-improvement forgets the easy problems."),
            new("training steps", "Optimiser steps of one model, counted from round 0; a majority vote's models each take as many, side by side. Examples trained = steps x batch."),
            new("label accuracy, wrong labels", "The share of a round's self-generated labels equal to the true answer (and its complement). The truth is computed for the ledger only; no filter sees it."),
            new("kept fraction", "The share of a round's labels that the filters kept and the model trained on."),
            new("confidence", "The probability the models gave a label they wrote, read teacher-forced (their mean in a vote): what a confidence filter keeps by, with no ground truth."),
            new("avalanche", "Label errors compounding round over round: the round a guard stopped at, or from which label accuracy falls every round to the last."),
            new("completed", "A run with its runs row: it ended by one of its stop rules. A run without one is incomplete (its process died or is still training)."),
        ];
    }
}
