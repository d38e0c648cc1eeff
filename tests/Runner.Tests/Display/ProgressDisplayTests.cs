using NUnit.Framework;
using Runner.Cli.Display;
using Runner.Core.Labelling;
using Runner.Core.Plans;
using Runner.Core.Specs;
using Runner.Engine.Runs;
using Runner.Engine.SelfImprovement;

namespace Runner.Tests.Display;

public class ProgressDisplayTests
{
    static readonly RunPlan Plan = new("demo", "vote", new Spec(), 41);

    static LabelOutcome Wrong(string prompt) => new(new Label(prompt, 3, "000", true, 0), "123", Kept: false);

    [Test]
    public void ARoundThatKeptNothingAndWasNotTrainedSaysSoInsteadOfNaN()
    {
        var outcome = new RoundOutcome(4, [3], [Wrong("123="), Wrong("321=")], 0, double.NaN, [], 2, TimeSpan.FromSeconds(3));

        Assert.That(ProgressDisplay.RoundLine(Plan, outcome),
            Is.EqualTo("vote seed 41 round 4: labelled 3: kept 0/2, label accuracy 0.0 % -> -; not trained; frontier 2 (3s)"));
    }

    [Test]
    public void ATrainedRoundShowsItsLossAndLabelAccuracies()
    {
        var right = new LabelOutcome(new Label("123=", 3, "123", true, 0), "123", Kept: true);
        var outcome = new RoundOutcome(1, [3], [right, Wrong("321=")], 500, 0.01234, [], 3, TimeSpan.FromSeconds(12));

        Assert.That(ProgressDisplay.RoundLine(Plan, outcome),
            Is.EqualTo("vote seed 41 round 1: labelled 3: kept 1/2, label accuracy 50.0 % -> 100.0 %; loss 0.0123; frontier 3 (12s)"));
    }
}
