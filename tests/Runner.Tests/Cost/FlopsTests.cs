using NUnit.Framework;
using Runner.Core.Model;
using Runner.Engine.Cost;
using Runner.Engine.Model;

namespace Runner.Tests.Cost;

public class FlopsTests
{
    // 2 layers, d 16, ffn 32, 14 tokens: 2 x (4 x 256 + 3 x 16 x 32) + 14 x 16 = 2 x 2560 + 224.
    static readonly TransformerShape Shape = new(Layers: 2, Heads: 2, DModel: 16, Ffn: 32, VocabularySize: 14, Context: 64);

    [Test]
    public void CountsEveryMatrixProductOfAPosition()
    {
        Assert.That(Flops.MatmulParameters(Shape), Is.EqualTo(5344));
        // 10 positions over 8 keys: 10 x (2 x 5344 + 4 x 2 x 16 x 8).
        Assert.That(Flops.Forward(Shape, positions: 10, keys: 8), Is.EqualTo(10 * (2 * 5344 + 1024)));
        // A step on 4 rows of 8: forward and backward over 32 positions attending over 8.
        Assert.That(Flops.TrainingStep(Shape, rows: 4, width: 8), Is.EqualTo(3 * 32 * (2 * 5344 + 1024)));
        // Decoding 4 rows: the 6-token prompt at once, then 4 tokens attending over 6 + 2 keys on average.
        Assert.That(Flops.Decode(Shape, rows: 4, promptTokens: 6, newTokens: 4),
            Is.EqualTo(24 * (2 * 5344 + 4 * 2 * 16 * 6) + 16 * (2 * 5344 + 4 * 2 * 16 * 8)));
    }

    [Test]
    public void TheMatmulParametersAreTheModelsLessEmbeddingAndNorms()
    {
        // The input embedding (vocabulary x d) and the norms' weights are not in any matrix product.
        Assert.That(Flops.MatmulParameters(Shape), Is.EqualTo(Shape.ParameterCount - 14 * 16 - (2 * 2 + 1) * 16));
    }

    [TestCase(100, 1.0, 300, 2.0, 0.5, 0.005)]
    [TestCase(100, 1.0, 300, 0.9, 0.0, 1.0 / 300)]
    [TestCase(100, 1.0, 300, 4.0, 0.0, 4.0 / 300)]
    public void ALineThroughTwoMeasurementsNeverGoesNegative(double x1, double t1, double x2, double t2, double fixedCost, double perUnit)
    {
        // Slope 0.005 and intercept 0.5; a falling pair counts everything as proportional; a steep one nothing as fixed.
        var (f, p) = Calibration.Fit(x1, t1, x2, t2);
        Assert.That(f, Is.EqualTo(fixedCost).Within(1e-12));
        Assert.That(p, Is.EqualTo(perUnit).Within(1e-12));
    }
}
