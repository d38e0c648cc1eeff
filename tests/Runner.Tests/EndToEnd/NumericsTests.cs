using System.Globalization;
using NUnit.Framework;
using Runner.Core.Ledger;
using Runner.Engine.Native;

namespace Runner.Tests.EndToEnd;

/// <summary>
/// Portable numerics pin libtorch's CPU kernels whatever the inherited environment asks for, so
/// two machines (here: two environments on one machine, standing for two machines' defaults)
/// compute the same ledger; fast numerics let the environment and the CPU choose.
/// </summary>
public class NumericsTests
{
    const string Spec = """
        name: numerics
        task: {kind: reverse, d0: {min: 1, max: 4}}
        model: {layers: 2, heads: 4, d_model: 64, ffn: 128, context: 32}
        training:
          batch: 32
          peak_lr: 0.003
          round0: {warmup: 5, stable: 10, decay: 15}
          rounds: {warmup: 0, stable: 0, decay: 10}
        self_improve: {rounds: 1, labels_per_round: 32, decode_batch: 16}
        eval: {examples: 16, above: 2}
        seeds: [7]
        device: cpu
        """;

    string dir = "";

    [SetUp]
    public void SetUp() => dir = Directory.CreateTempSubdirectory("runner-numerics-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(dir, recursive: true);

    [Test]
    public async Task PortableRunsComputeTheSameLedgerWhateverKernelsTheEnvironmentAsksFor()
    {
        var (aNumbers, aRun) = await Run("portable", "a", new() { ["ATEN_CPU_CAPABILITY"] = "default", ["MKL_CBWR"] = "AUTO" });
        var (bNumbers, bRun) = await Run("portable", "b", new() { ["ATEN_CPU_CAPABILITY"] = "avx512", ["MKL_CBWR"] = "SSE4_2", ["ONEDNN_MAX_CPU_ISA"] = "AVX512_CORE" });

        Assert.That(bNumbers, Is.EqualTo(aNumbers));
        Assert.That(bRun.RunKey, Is.EqualTo(aRun.RunKey), "the same computation: a portable run made elsewhere is skipped, not repeated");
        foreach (var run in new[] { aRun, bRun })
        {
            Assert.That(run.Numerics, Is.EqualTo("portable"));
            Assert.That(run.NumericsSettings, Is.EqualTo("ATEN_CPU_CAPABILITY=avx2 MKL_CBWR=COMPATIBLE ONEDNN_MAX_CPU_ISA=AVX2"));
            Assert.That(run.Threads, Is.EqualTo(CpuNumerics.PortableThreads));
            Assert.That(run.CpuId, Does.Match(@"^\S+ family \d+ model \d+$"));
            if (CpuInfo.Read().HasAvx2) Assert.That(run.CpuCapability, Is.EqualTo("AVX2"));
        }
    }

    [Test]
    public async Task FastRunsComputeWithTheKernelsTheEnvironmentAsksFor()
    {
        if (!CpuInfo.Read().HasAvx2)
            Assert.Ignore("this CPU has no AVX2: libtorch has one kernel path here, so the environment cannot change a fast run's numbers");

        // Two machines' defaults: one with neither libtorch's vector kernels nor MKL's fast branch, one with both.
        var (plain, plainRun) = await Run("fast", "default", new() { ["ATEN_CPU_CAPABILITY"] = "default", ["MKL_CBWR"] = "COMPATIBLE" });
        var (avx2, avx2Run) = await Run("fast", "avx2", new() { ["ATEN_CPU_CAPABILITY"] = "avx2", ["MKL_CBWR"] = "AUTO" });

        Assert.That(avx2, Is.Not.EqualTo(plain), "other kernels round differently, and training carries the difference into every number");
        Assert.That((plainRun.CpuCapability, avx2Run.CpuCapability), Is.EqualTo(("DEFAULT", "AVX2")));
        Assert.That(plainRun.NumericsSettings, Does.StartWith("ATEN_CPU_CAPABILITY=default "));
        Assert.That(avx2Run.RunKey, Is.Not.EqualTo(plainRun.RunKey), "a fast run's key names the kernels it ran with");
        Assert.That(plainRun.Threads, Is.EqualTo(Environment.ProcessorCount), "fast numerics use every core unless told otherwise");
    }

    /// <summary>Runs the spec in a child process with <paramref name="environment"/>; returns what it computed (no ids, keys or times) and its runs row.</summary>
    async Task<(List<string> Numbers, RunRow Run)> Run(string numerics, string name, Dictionary<string, string> environment)
    {
        string folder = Path.Combine(dir, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "spec.yaml"), Spec + $"\nnumerics: {numerics}\n");
        var result = RunnerProcess.Run(folder, ci: false, environment, "run", "spec.yaml");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);

        var reader = new LedgerReader(Path.Combine(folder, "ledger"));
        string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        List<string> numbers =
        [
            .. (await reader.ReadAsync<RoundRow>()).OrderBy(r => r.Round).Select(r => $"round {r.Round} loss {Number(r.FinalLoss)} kept {r.LabelsKept}"),
            .. (await reader.ReadAsync<EvaluationRow>()).Select(e => $"eval {e.Round} {e.Difficulty} {e.Correct}").Order(),
            .. (await reader.ReadAsync<LabelRow>()).Select(l => $"label {l.Round} {l.Prompt} {l.ModelLabel}").Order(),
        ];
        return (numbers, (await reader.ReadAsync<RunRow>()).Single());
    }
}
