using System.Diagnostics;
using NUnit.Framework;
using Runner.Cli.Commands;
using Runner.Core.Plans;
using Runner.Engine.Runs;

namespace Runner.Tests.Runs;

public class DeviceProcessesTests
{
    static string? Unset(string _) => null;

    [Test]
    public void DevicesAreAllTheVisibleOnesOrAList()
    {
        Assert.That(DeviceProcesses.Parse("all", Unset, () => 4), Is.EqualTo(new[] { "0", "1", "2", "3" }));
        Assert.That(DeviceProcesses.Parse("all", v => v == "CUDA_VISIBLE_DEVICES" ? "2,3" : null, () => throw new AssertionException("not asked")),
            Is.EqualTo(new[] { "2", "3" }), "a scheduler's CUDA_VISIBLE_DEVICES is what this job may use");
        Assert.That(DeviceProcesses.Parse("0, 1,GPU-8f3c", Unset, () => null), Is.EqualTo(new[] { "0", "1", "GPU-8f3c" }));
    }

    [TestCase("0,,1", "--devices must be all or a comma-separated list of GPU indices or UUIDs, e.g. 0,1,2,3 (got '0,,1')")]
    [TestCase("1,1", "--devices 1,1: a GPU is listed twice")]
    public void ABadListIsAOneLineError(string text, string message) =>
        Assert.That(() => DeviceProcesses.Parse(text, Unset, () => 8), Throws.TypeOf<FormatException>().With.Message.EqualTo(message));

    [Test]
    public void AllWithoutAGpuIsAnError() =>
        Assert.That(() => DeviceProcesses.Parse("all", Unset, () => null),
            Throws.TypeOf<FormatException>().With.Message.EqualTo("--devices all: nvidia-smi lists no GPU (is the NVIDIA driver installed?)"));

    [Test]
    public void TheGpusOfAHostSplitItsShardExactly()
    {
        var seeds = Enumerable.Range(40, 13).ToList();
        var plans = seeds.Select(s => new RunPlan("spec", "arm", new Runner.Core.Specs.Spec(), s)).ToList();
        var outer = new Shard(2, 3);
        var local = Enumerable.Range(0, 4).Select(i => DeviceProcesses.ShardFor(outer, i, 4)).ToList();

        Assert.That(local.Select(s => s.ToString()), Is.EqualTo(new[] { "2/12", "5/12", "8/12", "11/12" }));
        var split = local.SelectMany(s => s.Select(plans)).Select(p => p.Seed).Order().ToList();
        Assert.That(split, Is.EqualTo(outer.Select(plans).Select(p => p.Seed).Order()), "the union is the host's shard, each run once");
    }

    [Test]
    public void EachChildSeesOneGpuInNvidiaSmisOrderAndRunsItsShard()
    {
        var start = DeviceProcesses.ChildStart("3", new Shard(4, 8), ["run", "spec.yaml", "--ledger", "l"]);

        Assert.That(start.Environment["CUDA_VISIBLE_DEVICES"], Is.EqualTo("3"));
        Assert.That(start.Environment["CUDA_DEVICE_ORDER"], Is.EqualTo("PCI_BUS_ID"));
        Assert.That(start.ArgumentList.SkipWhile(a => a != "run"), Is.EqualTo(new[] { "run", "spec.yaml", "--ledger", "l", "--shard", "4/8", "--no-report" }));
    }

    [Test]
    public void ChildrenRunTogetherTheirLinesArePrefixedAndTheFirstFailureIsTheExitCode()
    {
        static ProcessStartInfo Shell(string script)
        {
            var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(script);
            return start;
        }
        var output = new StringWriter();
        var errors = new StringWriter();

        int code = DeviceProcesses.RunAll(
            [("0", Shell("echo trained; exit 0")), ("1", Shell("echo oops >&2; exit 3")), ("2", Shell("echo done; exit 4"))], output, errors);

        Assert.That(code, Is.EqualTo(3));
        Assert.That(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EquivalentTo(new[] { "[gpu 0] trained", "[gpu 2] done" }));
        Assert.That(errors.ToString().Trim(), Is.EqualTo("[gpu 1] oops"));
    }
}
