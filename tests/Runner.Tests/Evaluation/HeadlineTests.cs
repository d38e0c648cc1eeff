using NUnit.Framework;
using Runner.Core.Evaluation;
using Runner.Core.Specs;
using Runner.Core.Tasks;

namespace Runner.Tests.Evaluation;

/// <summary>A run's result in one line: the strict frontier, and what it hides when an easy difficulty is forgotten.</summary>
public class HeadlineTests
{
    static readonly RangeSpec D0 = new() { Min = 1, Max = 10 };

    /// <summary>One model's accuracies, 1000 examples each, from difficulty 1 up.</summary>
    static List<DifficultyAccuracy> Model(double[] accuracies, int member = 0) =>
        accuracies.Select((a, i) => new DifficultyAccuracy(i + 1, 1000, (int)Math.Round(a * 1000), member)).ToList();

    static Headline Of(List<DifficultyAccuracy> evaluation, RangeSpec? d0 = null) =>
        Headline.Of(evaluation, Frontiers.Of(evaluation, 0.99), d0 ?? D0, 0.99);

    [Test]
    public void AForgottenD0LengthHoldsTheFrontierAtZeroAndTheHeadlineSaysHowFarPastD0ItSolves()
    {
        // The quickstart a new user saw: length 1 fell to 75 % while 11-13 were solved.
        var headline = Of(Model([0.75, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.97, 0.85]));

        Assert.That((headline.Frontier, headline.Reach, headline.D0Lowest, headline.D0Worst), Is.EqualTo((0, 13, 0.75, (Difficulty?)1)));
        Assert.That(headline.ForgotD0, Is.True);
        Assert.That(headline.Describe(new StringTask(reverse: false)),
            Is.EqualTo("frontier 0 (length 1 at 75 %: forgot part of D0); solved past D0 up to 13"));
    }

    [Test]
    public void ARetainedD0SaysSoWithItsLowestAccuracy()
    {
        var headline = Of(Model([1, 1, 1, 1, 1, 1, 1, 1, 0.996, 1, 1, 0.8]));

        Assert.That((headline.Frontier, headline.Reach, headline.D0Retained), Is.EqualTo((11, 11, true)));
        Assert.That(headline.Describe(new StringTask(reverse: true)), Is.EqualTo("frontier 11; D0 retained (lowest 99.6 %)"));
    }

    [Test]
    public void AD0NeverSolvedIsNotCalledForgotten()
    {
        var headline = Of(Model([1, 1, 1, 1, 1, 1, 1, 1, 0.74, 0.03, 0]));

        Assert.That((headline.Frontier, headline.Reach, headline.ForgotD0), Is.EqualTo((8, 10, false)));
        Assert.That(headline.Describe(new ForwardAddition()), Is.EqualTo("frontier 8 (10 digits at 3 %: D0 not yet solved)"));
    }

    [Test]
    public void PercentagesRoundDownSoAnUnsolvedDifficultyNeverReadsAsSolved()
    {
        Assert.That(new[] { 1, 0.99999, 0.996, 0.5, double.NaN }.Select(Headline.Percent),
            Is.EqualTo(new[] { "100 %", "99.9 %", "99.6 %", "50 %", "-" }));
    }

    [Test]
    public void AVotesReachIsItsLowerMedianModelsAndD0IsJudgedOnTheModelsMean()
    {
        var evaluation = Model([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.5], member: 0)
            .Concat(Model([0.98, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.6], member: 1)).ToList();

        var headline = Headline.Of(evaluation, frontier: 0, D0, 0.99);

        Assert.That(headline.Reach, Is.EqualTo(11), "model 0 reaches 13, model 1 reaches 11: the lower median");
        Assert.That((headline.D0Lowest, headline.D0Worst), Is.EqualTo((0.99, (Difficulty?)1)), "length 1: (100 % + 98 %) / 2");
        Assert.That(headline.D0Retained, Is.True);
    }

    [Test]
    public void PairsInsideD0HaveBothSidesInItAndReachCountsSizesPastIt()
    {
        var d0 = new RangeSpec { Min = 1, Max = 2 };
        var evaluation = new List<DifficultyAccuracy>
        {
            new(Difficulty.Pair(1, 1), 10, 10), new(Difficulty.Pair(1, 2), 10, 9), new(Difficulty.Pair(2, 1), 10, 10), new(Difficulty.Pair(2, 2), 10, 10),
            new(Difficulty.Pair(1, 3), 10, 10), new(Difficulty.Pair(3, 1), 10, 10), new(Difficulty.Pair(2, 3), 10, 10), new(Difficulty.Pair(3, 2), 10, 10), new(Difficulty.Pair(3, 3), 10, 10),
            new(Difficulty.Pair(1, 4), 10, 10), new(Difficulty.Pair(4, 1), 10, 2),
        };

        var headline = Headline.Of(evaluation, Frontiers.Of(evaluation, 0.99), d0, 0.99);

        Assert.That((headline.Frontier, headline.Reach), Is.EqualTo((1, 3)), "every 3-digit pair is solved; 4x1 is not");
        Assert.That(headline.Describe(new Multiplication()), Is.EqualTo("frontier 1 (1x2 digits at 90 %: forgot part of D0); solved past D0 up to 3"));
    }

    [Test]
    public void AWindowPastD0HasNoD0ToJudge()
    {
        // eval.below slides the window: this round evaluated 12 to 16 only.
        var evaluation = Model([1, 1, 1, 1, 0.3]).Select(e => e with { Difficulty = e.Difficulty.A + 11 }).ToList();

        var headline = Of(evaluation);

        Assert.That((headline.D0Worst, double.IsNaN(headline.D0Lowest)), Is.EqualTo(((Difficulty?)null, true)));
        Assert.That(headline.Describe(new StringTask(reverse: false)), Is.EqualTo("frontier 15; solved past D0 up to 15"));
    }
}
