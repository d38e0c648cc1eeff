using NUnit.Framework;
using Runner.Core.Model;
using Runner.Core.Tasks;
using Runner.Engine.Training;
using static TorchSharp.torch;

namespace Runner.Tests.Training;

public class BatchTests
{
    [Test]
    public void TargetsCoverAnswerAndEosOnlyAndInputsAreRightPadded()
    {
        // copy alphabet: '0'..'9' -> 3..12, '=' -> 13
        var tokenizer = new Tokenizer("0123456789=");
        var (inputs, targets) = Batch.Build([new Example("12=", "12"), new Example("5=", "5")], tokenizer, CPU);

        // Row 0: BOS 1 2 = 1 2 EOS, shifted by one -> width 6.
        Assert.That(inputs.shape, Is.EqualTo(new long[] { 2, 6 }));
        Assert.That(inputs.data<long>().ToArray(), Is.EqualTo(new long[]
        {
            1, 4, 5, 13, 4, 5,
            1, 8, 13, 8, 0, 0,
        }));
        Assert.That(targets.data<long>().ToArray(), Is.EqualTo(new long[]
        {
            -100, -100, -100, 4, 5, 2,
            -100, -100, 8, 2, -100, -100,
        }));
        Assert.That(Batch.Ignore, Is.EqualTo(-100));
        Assert.That(Tokenizer.Pad, Is.EqualTo(0));
    }

    [Test]
    public void TargetsAreTheNextInputTokenWhereverTheyAreNotIgnored()
    {
        var task = new ReversedAddition();
        var tokenizer = new Tokenizer(task.Vocabulary);
        var rng = new Random(1);
        var examples = Enumerable.Range(0, 16).Select(_ => task.SampleTraining(1, 6, rng)).ToList();
        var (inputs, targets) = Batch.Build(examples, tokenizer, CPU);
        long width = inputs.shape[1];
        var x = inputs.data<long>().ToArray();
        var y = targets.data<long>().ToArray();

        for (int row = 0; row < examples.Count; row++)
        {
            var answerTargets = Enumerable.Range(0, (int)width).Select(i => y[row * width + i]).Where(t => t != Batch.Ignore).ToArray();
            Assert.That(answerTargets, Is.EqualTo(tokenizer.EncodeAnswer(examples[row].Answer).Select(t => (long)t)));
            for (int i = 0; i + 1 < width; i++)
                if (y[row * width + i] != Batch.Ignore && y[row * width + i] != Tokenizer.Eos)
                    Assert.That(x[row * width + i + 1], Is.EqualTo(y[row * width + i]));
        }
    }
}
