using NUnit.Framework;
using Runner.Core.Ledger;

namespace Runner.Tests.EndToEnd;

public class ConcurrentRunsTests
{
    [Test]
    public async Task TwoSpecsWritingOneLedgerAtOnceLoseNothing()
    {
        var dir = Directory.CreateTempSubdirectory("runner-concurrent-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "a.yaml"), TinySpec.Yaml.Replace("name: tiny", "name: alpha"));
            File.WriteAllText(Path.Combine(dir, "b.yaml"), TinySpec.Yaml.Replace("name: tiny", "name: beta"));

            using var a = RunnerProcess.Start(dir, "run", "a.yaml", "--threads", "1");
            using var b = RunnerProcess.Start(dir, "run", "b.yaml", "--threads", "1");
            var outputs = new[] { a, b }.Select(p => (Out: p.StandardOutput.ReadToEndAsync(), Err: p.StandardError.ReadToEndAsync())).ToList();
            Assert.That(a.WaitForExit(TimeSpan.FromMinutes(3)) && b.WaitForExit(TimeSpan.FromMinutes(3)), Is.True);
            Assert.That(a.ExitCode, Is.EqualTo(0), await outputs[0].Err);
            Assert.That(b.ExitCode, Is.EqualTo(0), await outputs[1].Err);

            var reader = new LedgerReader(Path.Combine(dir, "ledger"));
            foreach (var spec in new[] { "alpha", "beta" })
            {
                Assert.That((await reader.ReadAsync<RunRow>(spec)).Select(r => r.Arm).Order(), Is.EqualTo(new[] { "si", "zero" }));
                Assert.That((await reader.ReadAsync<RoundRow>(spec)).Count, Is.EqualTo(TinySpec.Rounds + 2));
                Assert.That((await reader.ReadAsync<LabelRow>(spec)).Count, Is.EqualTo(TinySpec.Rounds * TinySpec.LabelsPerRound));
            }
            var verify = RunnerProcess.Run(dir, "ledger", "verify");
            Assert.That(verify.ExitCode, Is.EqualTo(0), verify.Stdout);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
