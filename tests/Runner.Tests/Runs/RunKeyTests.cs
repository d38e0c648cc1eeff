using NUnit.Framework;
using Runner.Core.Ledger;
using Runner.Core.Plans;
using Runner.Core.Specs;
using Runner.Engine.Runs;

namespace Runner.Tests.Runs;

public class RunKeyTests
{
    static readonly GitInfo Code = new("abc", "main", IsDirty: false, InRepository: true) { CodeTree = "tree1" };
    static readonly RunPlan Plan = new("demo", "main", new Spec { Name = "demo" }, 41);

    [Test]
    public void TheKeyChangesWithWhatARunComputesAndWhereItRuns()
    {
        string key = RunKey.For(Plan, Code, "cpu");

        Assert.That(RunKey.For(Plan, Code, "cpu"), Is.EqualTo(key), "same spec, seed, device and code: same key");
        Assert.That(RunKey.For(Plan, Code, "cuda"), Is.Not.EqualTo(key), "a GPU run is not the CPU run");
        Assert.That(RunKey.For(Plan with { Seed = 42 }, Code, "cpu"), Is.Not.EqualTo(key));
        Assert.That(RunKey.For(Plan, Code with { CodeTree = "tree2" }, "cpu"), Is.Not.EqualTo(key));
        Assert.That(RunKey.For(Plan, Code with { Sha = "def" }, "cpu"), Is.EqualTo(key), "a commit that changes only results keeps the code tree");
    }
}
