using Runner.Core.Model;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Core.Evaluation;

/// <summary>
/// The difficulties a round is evaluated on (the paper's evaluation): from the easiest (eval.from,
/// or eval.below under "end") to a few past "end" (eval.to, or eval.above past it), where end is
/// one past the largest trained size; every eval.step-th; for pairs, the whole grid up to that
/// size. Whole sizes only, up to the first holding a difficulty too long for model.context, so
/// that a frontier never passes a pair it skipped; the task's own range bounds it too.
/// </summary>
public static class EvaluationWindow
{
    public static IReadOnlyList<Difficulty> For(Spec spec, ITask task, int largestTrained)
    {
        int end = largestTrained + 1;
        int from = spec.Eval.Below is int below ? Math.Max(spec.Eval.From ?? spec.Task.D0.Min, end - below) : spec.Eval.From ?? spec.Task.D0.Min;
        int to = spec.Eval.To ?? end + spec.Eval.Above;
        return task.Levels(from, to).Where(d => (d.Size - from) % spec.Eval.Step == 0)
            .GroupBy(d => d.Size).TakeWhile(size => size.All(d => SequenceLength.Fits(task, d, spec.Model.Context))).SelectMany(size => size).ToList();
    }
}
