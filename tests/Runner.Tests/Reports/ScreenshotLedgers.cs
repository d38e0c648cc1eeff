using NUnit.Framework;
using Runner.Core.Ledger;
using Runner.Core.Tasks;
using Runner.Reports;

namespace Runner.Tests.Reports;

/// <summary>
/// Synthetic ledgers shaped like the runs a spec's header records, for the documentation's
/// screenshots when the real run cannot be repeated in the time at hand: the numbers are those the
/// header measured (frontier after rounds 0, 5 and 10, label accuracy per round), the rest (per-length
/// accuracies between, per-label confidences, the loss curve) is made up to fit them, with a fixed
/// seed. Explicit: run it by name, with RUNNER_SCREENSHOTS set to the folder to write the reports to.
/// </summary>
[Explicit("writes the documentation's screenshot reports; needs RUNNER_SCREENSHOTS")]
public class ScreenshotLedgers
{
    static readonly string Reverse = File.ReadAllText(Path.Combine(EndToEnd.RunnerProcess.RepositoryRoot(), "specs", "cpu", "reverse.yaml"))
        .Replace("seeds: [41]", "seeds: [41, 42, 43]");

    // specs/cpu/reverse.yaml's header: label accuracy (%) of the length arm, rounds 1-10, and frontiers after rounds 0 / 5 / 10.
    static readonly Dictionary<int, double[]> LengthLabels = new()
    {
        [41] = [98.4, 91.3, 72.1, 49.1, 22.2, 8.1, 2.2, 0.5, 0.0, 0.0],
        [42] = [99.3, 97.6, 94.8, 88.6, 77.6, 63.5, 41.9, 24.9, 11.2, 3.7],
        [43] = [99.8, 99.6, 99.9, 100, 100, 99.7, 98.0, 95.0, 87.9, 79.1],
    };
    static readonly Dictionary<(string Arm, int Seed), int[]> Frontiers = new()
    {
        [("majority", 41)] = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21],
        [("majority", 42)] = [11, 12, 13, 13, 14, 15, 16, 18, 19, 20, 21],
        [("majority", 43)] = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21],
        [("length", 41)] = [10, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11],
        [("length", 42)] = [10, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11],
        [("length", 43)] = [11, 12, 13, 14, 15, 16, 16, 16, 16, 16, 16],
    };

    [Test]
    public async Task ReverseThreeSeeds()
    {
        if (Environment.GetEnvironmentVariable("RUNNER_SCREENSHOTS") is not { Length: > 0 } root)
        {
            Assert.Fail("set RUNNER_SCREENSHOTS to the folder to write the reports to");
            return;
        }
        var ledger = new SyntheticLedger(Path.Combine(root, "ledger"));
        foreach (string arm in new[] { "majority", "length" })
            foreach (int seed in new[] { 41, 42, 43 })
            {
                var random = new Random(seed * 7 + arm.Length);
                int[] frontier = Frontiers[(arm, seed)];
                var rounds = Enumerable.Range(0, 11).Select(r => (r == 0 ? "" : (10 + r).ToString(), frontier[r])).ToList();
                var accuracies = Enumerable.Range(0, 11).ToDictionary(r => r, r => (IReadOnlyDictionary<Difficulty, double>)
                    Enumerable.Range(1, 10 + r + 5).ToDictionary(d => (Difficulty)d,
                        d => d <= frontier[r] ? 1.0 : d == frontier[r] + 1 ? 0.55 + 0.4 * random.NextDouble() : d == frontier[r] + 2 ? 0.2 * random.NextDouble() : 0.0));
                var labels = new List<LabelRow>();
                for (int round = 1; round <= 10; round++)
                {
                    double accuracy = arm == "majority" ? 1.0 : LengthLabels[seed][round - 1] / 100;
                    for (int i = 0; i < 200; i++)
                    {
                        bool correct = random.NextDouble() < accuracy;
                        // Right labels are written sure; wrong ones less so, the more so the further the avalanche.
                        double confidence = correct ? 1 - 0.08 * Math.Pow(random.NextDouble(), 3) : 0.35 + 0.6 * random.NextDouble();
                        string prompt = string.Concat(Enumerable.Range(0, 10 + round).Select(_ => (char)('0' + random.Next(10)))) + "=";
                        string truth = new(prompt[..^1].Reverse().ToArray());
                        string model = correct ? truth : truth[..^3] + new string(truth[^3..].Reverse().ToArray());
                        if (!correct && model == truth) model = truth[..^1] + (char)('0' + (truth[^1] - '0' + 1) % 10);
                        labels.Add(new LabelRow
                        {
                            Round = round, Difficulty = 10 + round, Prompt = prompt, ModelLabel = model, TrueLabel = truth, Ended = true, Correct = correct,
                            Kept = arm == "length" || correct, Votes = arm == "majority" ? 3 : 1, Voters = arm == "majority" ? 3 : 1, TrainedLabel = model,
                            Confidence = confidence,
                        });
                    }
                }
                await ledger.WriteRunAsync(Reverse, arm, seed, rounds, accuracies, steps: [1200, .. Enumerable.Repeat(200, 10)], labels: labels,
                    loss: (round, step) => (round == 0 ? 2.3 * Math.Exp(-step / 180.0) + 0.004 : 0.02 * Math.Exp(-step / 60.0) + 0.003)
                        * (arm == "length" && round > 3 ? 1 + 0.4 * (round - 3) : 1) * (1 + 0.05 * random.NextDouble()));
            }
        ReportBuilder.Write(new ReportOptions(["cpu-reverse"], ledger.Root, Out: Path.Combine(root, "cpu-reverse"), Paper: true));
    }
}
