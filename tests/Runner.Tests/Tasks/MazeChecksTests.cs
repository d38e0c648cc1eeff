using NUnit.Framework;
using Runner.Core.Tasks;

namespace Runner.Tests.Tasks;

public class MazeChecksTests
{
    const string Prompt = "34>52#63:52,66-34:66-52:63-66:71,63,34-71:66=";

    [Test]
    public void TheRightPathPassesEveryCheck() =>
        Assert.That(MazeChecks.Check(Prompt, "34>66>63>52"), Is.EqualTo(new MazeCheck(true, true, true)));

    [TestCase("34>63>52", Description = "skips 66: 34-63 is no edge")]
    [TestCase("34>66>71>52", Description = "71-52 is no edge")]
    [TestCase("34>66>63>77>52", Description = "77 is no node")]
    public void AWrongMoveFailsOnlyTheEdgeCheck(string output) =>
        Assert.That(MazeChecks.Check(Prompt, output), Is.EqualTo(new MazeCheck(true, false, true)));

    [TestCase("34>66>63", Description = "stops short")]
    [TestCase("66>63>52", Description = "starts late")]
    [TestCase("52>63>66>34", Description = "backwards")]
    public void AWrongEndpointFailsOnlyTheEndpointCheck(string output) =>
        Assert.That(MazeChecks.Check(Prompt, output), Is.EqualTo(new MazeCheck(true, true, false)));

    [TestCase("")]
    [TestCase("34")]
    [TestCase("34>")]
    [TestCase("34>>66>63>52")]
    [TestCase("34>66>63>52>")]
    [TestCase("34>066>63>52")]
    [TestCase("34>166>63>52")]
    [TestCase("34-66-63-52")]
    [TestCase("34>66>63>52=")]
    public void BadFormatFailsEveryCheck(string output) =>
        Assert.That(MazeChecks.Check(Prompt, output), Is.EqualTo(new MazeCheck(false, false, false)));

    [Test]
    public void ADetourPassesTheChecksButIsNotTheAnswer()
    {
        const string detour = "34>66>71>66>63>52";
        Assert.That(MazeChecks.Check(Prompt, detour).All, Is.True);
        Assert.That(MazeTask.Hops().Solve(Prompt), Is.Not.EqualTo(detour));
    }
}
