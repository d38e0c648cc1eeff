using NUnit.Framework;
using Runner.Core.Model;
using Runner.Core.Tasks;
using Runner.Engine.Cost;
using Runner.Engine.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Tests.Cost;

public class CalibratorTests
{
    [Test]
    public void MeasuresTheShapeAndLeavesNoTensorBehind()
    {
        var key = new CalibrationKey("host", "cpu", "none", "cpu", 1, "packages", "kernels", new TransformerShape(1, 2, 16, 32, 14, 64), Batch: 4, DecodeBatch: 8);
        long live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var started = DateTime.UtcNow;

        var calibration = Calibrator.Measure(key, StringTask.Copy(), CPU);

        Assert.That(calibration.Key, Is.EqualTo(key.ToString()));
        Assert.That(calibration.MeasuredUtc, Is.InRange(started, DateTime.UtcNow));
        Assert.That(calibration.MeasuredSeconds, Is.GreaterThan(0).And.LessThanOrEqualTo((DateTime.UtcNow - started).TotalSeconds));
        Assert.That(new[] { calibration.TrainFlopsPerSecond, calibration.DecodeFlopsPerSecond }, Is.All.GreaterThan(0).And.All.Not.EqualTo(double.PositiveInfinity));
        Assert.That(new[] { calibration.StepSeconds, calibration.DecodeTokenSeconds }, Is.All.GreaterThanOrEqualTo(0));
        Assert.That(calibration.TrainingStepSeconds(key.Shape, 4, 16), Is.GreaterThan(0));
        Assert.That(DisposeScopeManager.Statistics.ThreadTotalLiveCount, Is.EqualTo(live), "the model, its gradients and the optimizer's state are freed");
    }
}
