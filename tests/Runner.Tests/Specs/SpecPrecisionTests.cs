using NUnit.Framework;
using Runner.Core.Specs;

namespace Runner.Tests.Specs;

public class SpecPrecisionTests : SpecFileTests
{
    [Test]
    public void PrecisionIsFp32UnlessTheSpecSaysBf16()
    {
        Assert.That(LoadOk("name: demo\ntask: {kind: copy}\n").Arms[0].Spec.Training.Precision, Is.EqualTo("fp32"));
        Assert.That(LoadOk("name: demo\ntask: {kind: copy}\ntraining: {precision: bf16}\n").Arms[0].Spec.Training.Precision, Is.EqualTo("bf16"));
    }

    [Test]
    public void AnUnknownPrecisionIsAnErrorAtItsLine()
    {
        var errors = ErrorsOf("""
            name: demo
            task: {kind: copy}
            training:
              batch: 8
              precision: bf61
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[] { $"{file}:5:3: training.precision: unknown value 'bf61' (did you mean 'bf16'?)" }));
    }
}
