using NUnit.Framework;
using Runner.Cli.Commands;
using Runner.Core.Ledger;
using Runner.Tests.Ledger;

namespace Runner.Tests.Runs;

/// <summary>`runner gc` on a runs folder of fake checkpoints: which rounds go, which stay, what it prints.</summary>
public class GcCommandTests
{
    string dir = "", ledger = "", runs = "";
    const string Done = "20250304T050607Z-main-s41-aaaa", Died = "20250304T050607Z-main-s42-bbbb", Orphan = "20250304T050607Z-main-s43-cccc";

    [SetUp]
    public void SetUp()
    {
        dir = Directory.CreateTempSubdirectory("runner-gc-").FullName;
        ledger = Path.Combine(dir, "ledger");
        runs = Path.Combine(dir, "runs");
        var writer = new LedgerWriter(ledger);
        // Done recorded rounds 0-3; Died recorded 0-1 and died after checkpointing round 2; Orphan was never recorded.
        writer.WriteAsync(Enumerable.Range(0, 4).Select(r => LedgerSamples.Round("gc", Done, r)).ToList(), "a").GetAwaiter().GetResult();
        writer.WriteAsync(Enumerable.Range(0, 2).Select(r => LedgerSamples.Round("gc", Died, r)).ToList(), "b").GetAwaiter().GetResult();
        Checkpoints(Done, rounds: 4, models: 2);
        Checkpoints(Died, rounds: 3, models: 1);
        Checkpoints(Orphan, rounds: 1, models: 1);
        File.WriteAllBytes(Path.Combine(runs, Died, "round-003.pt.tmp"), new byte[7]);
        File.WriteAllBytes(Path.Combine(runs, Orphan, "code.diff"), new byte[70]);
        File.WriteAllBytes(Path.Combine(runs, Done, "code.diff"), new byte[70]);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(dir, recursive: true);

    /// <summary>Each round: 100 bytes of weights and 200 of optimizer per model, a 10-byte state and a 20-byte key.</summary>
    void Checkpoints(string runId, int rounds, int models)
    {
        var folder = Directory.CreateDirectory(Path.Combine(runs, runId)).FullName;
        for (int r = 0; r < rounds; r++)
        {
            for (int m = 0; m < models; m++)
            {
                string model = m == 0 ? "" : $"m{m}.";
                File.WriteAllBytes(Path.Combine(folder, $"round-{r:D3}.{model}pt"), new byte[100]);
                File.WriteAllBytes(Path.Combine(folder, $"round-{r:D3}.{model}optim"), new byte[200]);
            }
            File.WriteAllBytes(Path.Combine(folder, $"round-{r:D3}.json"), new byte[10]);
            File.WriteAllBytes(Path.Combine(folder, $"round-{r:D3}.key"), new byte[20]);
        }
    }

    (int Code, string[] Output, string Errors) Gc(bool dryRun)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        int code = GcCommand.Execute(runs, ledger, dryRun, output, errors);
        return (code, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), errors.ToString());
    }

    static string[] Files(string folder) => Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Test]
    public void KeepsRoundZeroAndTheLastRecordedRoundAndRemovesTheRest()
    {
        var (code, output, errors) = Gc(dryRun: false);

        Assert.That((code, errors), Is.EqualTo((0, "")));
        // Done: rounds 1, 2 of 2 models (2 x 300 + 30 each) go; Died: round 2 is past its last recorded round and stays.
        Assert.That(output, Is.EqualTo(new[]
        {
            $"{runs}/{Done}: removed rounds 1, 2 (1.3 kB); keeps rounds 0, 3 (1.3 kB)",
            $"{runs}/{Orphan}: removed the whole folder (400 B): {ledger} records no round of this run",
            "freed 1.7 kB in 3 round checkpoint(s); kept 2.3 kB in 5",
        }));
        Assert.That(Files(Path.Combine(runs, Done)), Is.EqualTo(new[]
        {
            "code.diff", "round-000.json", "round-000.key", "round-000.m1.optim", "round-000.m1.pt", "round-000.optim", "round-000.pt",
            "round-003.json", "round-003.key", "round-003.m1.optim", "round-003.m1.pt", "round-003.optim", "round-003.pt",
        }));
        Assert.That(Files(Path.Combine(runs, Died)), Has.Length.EqualTo(13), "rounds 0-2 and the temp file of a write in progress");
        Assert.That(Directory.Exists(Path.Combine(runs, Orphan)), Is.False);
    }

    [Test]
    public void ADryRunPrintsTheSameAndRemovesNothing()
    {
        var before = Directory.GetFiles(runs, "*", SearchOption.AllDirectories).Length;

        var (code, output, _) = Gc(dryRun: true);

        Assert.That(code, Is.EqualTo(0));
        Assert.That(output[0], Is.EqualTo($"{runs}/{Done}: would remove rounds 1, 2 (1.3 kB); keeps rounds 0, 3 (1.3 kB)"));
        Assert.That(output[^1], Is.EqualTo("dry run: would free 1.7 kB in 3 round checkpoint(s); kept 2.3 kB in 5"));
        Assert.That(Directory.GetFiles(runs, "*", SearchOption.AllDirectories), Has.Length.EqualTo(before));
    }

    [Test]
    public void ALedgerWithNoRoundsIsRefusedRatherThanEmptyingRuns()
    {
        ledger = Path.Combine(dir, "elsewhere");
        var before = Directory.GetFiles(runs, "*", SearchOption.AllDirectories).Length;

        var (code, output, errors) = Gc(dryRun: false);

        Assert.That((code, output), Is.EqualTo((2, Array.Empty<string>())));
        Assert.That(errors, Is.EqualTo($"runner: error: {ledger} records no rounds, so every checkpoint under {runs} would go; " +
            "pass the --ledger these runs wrote to (to start over, delete both folders yourself)\n"));
        Assert.That(Directory.GetFiles(runs, "*", SearchOption.AllDirectories), Has.Length.EqualTo(before));
    }
}
