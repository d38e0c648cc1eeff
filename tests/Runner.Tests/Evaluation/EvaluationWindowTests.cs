using NUnit.Framework;
using Runner.Core.Evaluation;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Tests.Evaluation;

public class EvaluationWindowTests
{
    static Spec Copy(int context, EvalSpec eval) =>
        new() { Task = new TaskSpec { Kind = "copy", D0 = new RangeSpec { Min = 1, Max = 4 } }, Model = new ModelSpec { Context = context }, Eval = eval };

    [Test]
    public void SlidesFromBelowEndToAbovePastIt()
    {
        var window = EvaluationWindow.For(Copy(1024, new EvalSpec { Below = 2, Above = 3 }), StringTask.Copy(), largestTrained: 6);

        Assert.That(window, Is.EqualTo(new Difficulty[] { 5, 6, 7, 8, 9, 10 }), "end is 7: 7 - 2 .. 7 + 3");
    }

    // The paper's multiplication runs evaluate the grid up to one size past the largest trained
    // pair during training (--n_digits_a_eval '1,8,1' while 6-digit pairs train, '1,7,1' for the
    // base model, experiments/run_multiplication_*.sh): above 0, not every pair up to 10x10.
    [TestCase(5, 36)]
    [TestCase(6, 49)]
    [TestCase(9, 100)]
    public void AboveZeroBoundsAMultiplicationGridAtOnePastTheLargestTrained(int largestTrained, int pairs)
    {
        var spec = new Spec { Task = new TaskSpec { Kind = "multiplication", D0 = new RangeSpec { Min = 1, Max = 5 } }, Eval = new EvalSpec { Above = 0 } };
        var window = EvaluationWindow.For(spec, new Multiplication(), largestTrained);

        Assert.That(window, Has.Count.EqualTo(pairs));
        Assert.That(window.Max(d => d.Size), Is.EqualTo(largestTrained + 1));
        Assert.That(window, Does.Contain(Difficulty.Pair(1, largestTrained + 1)), "the whole grid, small sides included");
        Assert.That(SpecValidator.Validate(spec with { Name = "mult" }, "m.yaml", new SpecLocations()), Is.Empty, "above: 0 is valid");
    }

    [Test]
    public void StopsAtTheFirstSizeTheContextCannotHold()
    {
        // Copy of length n needs 2n + 3 tokens: 8 fits in 20, 9 does not.
        var window = EvaluationWindow.For(Copy(20, new EvalSpec { Above = 6 }), StringTask.Copy(), largestTrained: 4);

        Assert.That(window, Is.EqualTo(Enumerable.Range(1, 8).Select(n => (Difficulty)n)));
    }

    [Test]
    public void APairSizeCountsOnlyWhenEveryPairOfItFits()
    {
        // 3x3 needs 41 tokens, the other pairs of size 3 fewer: with 40, size 3 is left out whole,
        // so no frontier can pass a pair it never evaluated.
        var spec = new Spec
        {
            Task = new TaskSpec { Kind = "multiplication", D0 = new RangeSpec { Min = 1, Max = 2 } },
            Model = new ModelSpec { Context = 40 },
            Eval = new EvalSpec { Above = 2 },
        };

        var window = EvaluationWindow.For(spec, new Multiplication(), largestTrained: 2);

        Assert.That(window.Select(d => d.ToString()), Is.EqualTo(new[] { "1x1", "1x2", "2x1", "2x2" }));
    }
}
