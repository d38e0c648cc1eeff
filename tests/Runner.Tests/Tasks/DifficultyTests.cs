using NUnit.Framework;
using Runner.Core.Tasks;

namespace Runner.Tests.Tasks;

public class DifficultyTests
{
    [TestCase("12", 12, 0, 12)]
    [TestCase("5x6", 5, 6, 6)]
    [TestCase("10x3", 10, 3, 10)]
    public void ParsesAndWritesNumbersAndPairs(string text, int a, int b, int size)
    {
        var d = Difficulty.Parse(text);
        Assert.That((d.A, d.B, d.Size, d.IsPair), Is.EqualTo((a, b, size, b > 0)));
        Assert.That(d.ToString(), Is.EqualTo(text));
    }

    [TestCase("")]
    [TestCase("0")]
    [TestCase("5x")]
    [TestCase("x5")]
    [TestCase("5x6x7")]
    [TestCase("-3")]
    [TestCase("five")]
    public void RejectsWhatIsNotADifficulty(string text) => Assert.That(Difficulty.TryParse(text), Is.Null);

    [Test]
    public void OrdersBySizeThenRowByRow()
    {
        var sorted = new[] { "2x2", "1x3", "3x1", "1x1", "2x1", "1x2" }.Select(Difficulty.Parse).Order();
        Assert.That(Difficulty.Join(sorted), Is.EqualTo("1x1,1x2,2x1,2x2,1x3,3x1"));
        Assert.That(Difficulty.ParseList("11,12"), Is.EqualTo(new Difficulty[] { 11, 12 }));
        Assert.That(Difficulty.ParseList(""), Is.Empty);
    }
}
