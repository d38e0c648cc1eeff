using NUnit.Framework;
using Runner.Core.Ledger;
using Runner.Core.Tasks;

namespace Runner.Tests.Ledger;

/// <summary>
/// What a round of labels costs in the ledger, the number docs/paper-specs.md sizes the paper
/// specs' ledgers with: one labels file of reverse-addition labels at a given length, every label
/// correct and kept (model, true and trained label the same answer, as most are before an avalanche).
/// </summary>
public class LedgerSizeTests
{
    static long BytesPerLabel(int digits, int labels)
    {
        var task = new ReversedAddition();
        var rng = new Random(1);
        var rows = Enumerable.Range(0, labels).Select(_ =>
        {
            var prompt = task.SamplePrompt(digits, rng);
            var answer = task.Solve(prompt);
            return new LabelRow
            {
                RunId = "20261205-120000-main-s42-0123456", SpecName = "paper-reverse-addition", Arm = "main", Seed = 42,
                GitSha = LedgerSamples.Sha, RunKey = "0123456789abcdef0123", Round = digits - 16, Difficulty = digits,
                Prompt = prompt, ModelLabel = answer, Ended = true, TrueLabel = answer, Correct = true, Kept = true,
                Votes = 1, Voters = 1, TrainedLabel = answer, Confidence = 0.9 + rng.NextDouble() / 10,
            };
        }).ToList();
        var root = Directory.CreateTempSubdirectory("runner-ledger-size-").FullName;
        try
        {
            var file = new LedgerWriter(root).WriteAsync(rows, "size").GetAwaiter().GetResult();
            return new FileInfo(file).Length / labels;
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    // Random digits hardly compress: about 0.87 bytes a character of prompt and three answers (model, true, trained label).
    [TestCase(17, 85, 100)]
    [TestCase(66, 270, 310)]
    [TestCase(116, 460, 520)]
    public void ALabelOfReverseAdditionTakesAboutFourBytesADigit(int digits, int least, int most)
    {
        long bytes = BytesPerLabel(digits, 20_000);
        TestContext.Out.WriteLine($"{digits} digits: {bytes} bytes per label");

        Assert.That(bytes, Is.InRange(least, most));
    }
}
