using Runner.Core.SelfImprovement;
using Runner.Core.Specs;
using System.Diagnostics;
using TorchSharp;

torch.set_num_threads(2);
var spec = new Spec
{
    Name = "probe",
    Task = new TaskSpec { Kind = args.Length > 0 ? args[0] : "reverse", D0 = new RangeSpec { Min = 1, Max = 10 } },
    Model = new ModelSpec { Layers = 3, Heads = 4, DModel = 128, Ffn = 512, Context = 64 },
    Training = new TrainingSpec
    {
        Batch = 64, PeakLr = 1e-3,
        Round0 = new PhaseSpec { Warmup = 100, Stable = 900, Decay = 1000 },
        Rounds = new PhaseSpec { Warmup = 0, Stable = 0, Decay = 300, PeakLr = 3e-4 },
    },
    SelfImprove = new SelfImproveSpec { Rounds = 5, LabelsPerRound = 2000, Filters = [new FilterSpec { Kind = "length" }] },
    Eval = new EvalSpec { Examples = 256, From = 8, To = 18 },
};
var sw = Stopwatch.StartNew();
var loop = new SelfImprovementLoop(spec, 41, torch.CPU);
Console.WriteLine($"params {loop.Model.ParameterCount}");
loop.Run(new Printer(sw));

class Printer(Stopwatch sw) : ILoopObserver
{
    public void StepCompleted(int round, int step, double loss, double lr)
    {
        if (step % 250 == 0) Console.WriteLine($"[{sw.Elapsed.TotalSeconds:F0}s] r{round} step {step} loss {loss:F4} lr {lr:G3}");
    }
    public void RoundCompleted(RoundOutcome o) =>
        Console.WriteLine($"[{sw.Elapsed.TotalSeconds:F0}s] round {o.Round} d=[{string.Join(",", o.Difficulties)}] kept {o.LabelsKept}/{o.Labels.Count} acc gen {o.LabelAccuracyGenerated:F3} kept {o.LabelAccuracyKept:F3} loss {o.FinalLoss:F4} frontier {o.Frontier} | " +
            string.Join(" ", o.Evaluation.Select(e => $"{e.Difficulty}:{e.Accuracy:F2}")));
}
