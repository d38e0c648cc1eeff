using NUnit.Framework;
using Runner.Core.Model;
using Runner.Core.Tasks;
using Runner.Core.Training;
using Runner.Engine.Training;
using Runner.Tests.Model;
using F = TorchSharp.torch.nn.functional;
using static TorchSharp.torch;

namespace Runner.Tests.Training;

public class BatchTests
{
    // copy alphabet: '0'..'9' -> 3..12, '=' -> 13
    static readonly Tokenizer Digits = new("0123456789=");

    [Test]
    public void TargetsCoverAnswerAndEosOnlyAndInputsAreRightPadded()
    {
        var batch = Batch.Build([new Example("12=", "12"), new Example("5=", "5")], Digits, CPU);

        // Row 0: BOS 1 2 = 1 2 EOS, shifted by one -> width 6; the 4 positions of row 1 leave no room beside it.
        Assert.That(batch.Inputs.shape, Is.EqualTo(new long[] { 2, 6 }));
        Assert.That(batch.Inputs.data<long>().ToArray(), Is.EqualTo(new long[]
        {
            1, 4, 5, 13, 4, 5,
            1, 8, 13, 8, 0, 0,
        }));
        Assert.That(batch.Targets.data<long>().ToArray(), Is.EqualTo(new long[]
        {
            -100, -100, -100, 4, 5, 2,
            -100, -100, 8, 2, -100, -100,
        }));
        Assert.That(batch.Mask, Is.Null, "one example a row: plain causal attention");
        Assert.That(batch.Tokens, Is.EqualTo(10));
        Assert.That(Batch.Ignore, Is.EqualTo(-100));
        Assert.That(Tokenizer.Pad, Is.EqualTo(0));
    }

    [Test]
    public void AnExampleWithItsOwnTokensTrainsOnThemInputsAndTargetsApart()
    {
        // "12=" -> "12" as the official drop noise left it: inputs lost EOS (PAD appended), targets lost the '2'.
        var sequence = new TrainingSequence([1, 4, 5, 13, 4, 5, 0], [-100, -100, -100, -100, 4, 2, 0]);
        var example = new Example("12=", "12") { Sequence = sequence };

        var batch = Batch.Build([example], Digits, CPU);

        Assert.That(batch.Inputs.data<long>().ToArray(), Is.EqualTo(new long[] { 1, 4, 5, 13, 4, 5 }));
        Assert.That(batch.Targets.data<long>().ToArray(), Is.EqualTo(new long[] { -100, -100, -100, 4, 2, 0 }), "PAD is a target");
        Assert.That(Batch.Tokens(example, Digits), Is.EqualTo(6));
        // The ledger's text of it reads back as the same tokens, as a resumed run rebuilds its mixture.
        var read = TrainingSequence.Parse(sequence.Render(Digits), Digits);
        Assert.That(read.Inputs, Is.EqualTo(sequence.Inputs));
        Assert.That(read.Targets, Is.EqualTo(sequence.Targets));
        Assert.That(sequence.Render(Digits), Is.EqualTo("tokens: <bos> 1 2 = 1 2 <pad> => <ign> <ign> <ign> <ign> 1 <eos> <pad>"));
    }

    [Test]
    public void ShortExamplesShareARowBehindABlockDiagonalCausalMask()
    {
        // 8 positions, then 4 and 4: the two short ones fill the second row exactly.
        var batch = Batch.Build([new Example("5=", "5"), new Example("123=", "123"), new Example("6=", "6")], Digits, CPU);

        Assert.That(batch.Inputs.shape, Is.EqualTo(new long[] { 2, 8 }));
        Assert.That(batch.Inputs.data<long>().ToArray(), Is.EqualTo(new long[]
        {
            1, 4, 5, 6, 13, 4, 5, 6,
            1, 8, 13, 8, 1, 9, 13, 9,
        }));
        Assert.That(batch.Targets.data<long>().ToArray(), Is.EqualTo(new long[]
        {
            -100, -100, -100, -100, 4, 5, 6, 2,
            -100, -100, 8, 2, -100, -100, 9, 2,
        }));
        Assert.That(batch.Tokens, Is.EqualTo(16));
        var mask = batch.Mask!;
        Assert.That(mask.shape, Is.EqualTo(new long[] { 2, 1, 8, 8 }));
        using var causal = ones(8, 8, dtype: ScalarType.Bool).tril();
        Assert.That(mask[0, 0].equal(causal).all().item<bool>(), Is.True, "one example: causal");
        using var blocks = zeros(8, 8, dtype: ScalarType.Bool);
        blocks[..4, ..4] = ones(4, 4, dtype: ScalarType.Bool).tril();
        blocks[4.., 4..] = ones(4, 4, dtype: ScalarType.Bool).tril();
        Assert.That(mask[1, 0].equal(blocks).all().item<bool>(), Is.True, "two examples: each sees only its own earlier tokens");
    }

    [Test]
    public void RowsAreFirstFitLongestFirst()
    {
        // Width 10: 10 alone; 7 then 3 beside it; 6, then 4 beside it; 2 opens no row while one has room.
        Assert.That(Batch.Rows([3, 10, 6, 7, 4, 2], 10), Is.EqualTo(new[] { new[] { 1 }, new[] { 3, 0 }, new[] { 2, 4 }, new[] { 5 } }));
        Assert.That(Batch.Rows([5, 5, 5], 5), Is.EqualTo(new[] { new[] { 0 }, new[] { 1 }, new[] { 2 } }), "equal lengths keep batch order");
    }

    [Test]
    public void AD0BatchOfMixedLengthsWastesLittleOnPadding()
    {
        var task = StringTask.Copy();
        var rng = new Random(5);
        var examples = Enumerable.Range(0, 64).Select(_ => task.SampleTraining(1, 10, rng)).ToList();

        var packed = Batch.Build(examples, Digits, CPU);
        var padded = Batch.Build(examples, Digits, CPU, pack: false);

        Assert.That(packed.Tokens, Is.EqualTo(examples.Sum(e => Batch.Tokens(e, Digits))));
        Assert.That(padded.Tokens, Is.EqualTo(packed.Tokens));
        double Fill(TrainingBatch b) => (double)b.Tokens / b.Inputs.numel();
        Assert.That(Fill(padded), Is.LessThan(0.7), "lengths 4..22 padded to the longest");
        Assert.That(Fill(packed), Is.GreaterThan(0.9));
        Assert.That(packed.Targets.ne(Batch.Ignore).sum().item<long>(), Is.EqualTo(padded.Targets.ne(Batch.Ignore).sum().item<long>()));
    }

    [Test]
    public void TargetsAreTheNextInputTokenWhereverTheyAreNotIgnored()
    {
        var task = new ReversedAddition();
        var tokenizer = new Tokenizer(task.Vocabulary);
        var rng = new Random(1);
        var examples = Enumerable.Range(0, 16).Select(_ => task.SampleTraining(1, 6, rng)).ToList();
        var batch = Batch.Build(examples, tokenizer, CPU);
        var x = batch.Inputs.data<long>().ToArray();
        var y = batch.Targets.data<long>().ToArray();

        // Every example's answer and EOS appear as targets, once each, whichever row it was packed into.
        var answers = SplitAtEos(y.Where(t => t != Batch.Ignore)).Select(a => string.Join(",", a)).Order();
        Assert.That(answers, Is.EqualTo(examples.Select(e => string.Join(",", tokenizer.EncodeAnswer(e.Answer))).Order()));
        for (int i = 0; i + 1 < y.Length; i++)
            if (y[i] != Batch.Ignore && y[i] != Tokenizer.Eos)
                Assert.That(x[i + 1], Is.EqualTo(y[i]));
    }

    [Test]
    public void APackedBatchHasTheLossAndGradientsOfTheSameExamplesOneARow()
    {
        var task = StringTask.Copy();
        var rng = new Random(3);
        var examples = Enumerable.Range(0, 24).Select(_ => task.SampleTraining(1, 8, rng)).ToList();
        using var model = TinyModels.Create(Digits.VocabularySize, seed: 7);

        var (packedLoss, packedGradients) = LossAndGradients(model, Batch.Build(examples, Digits, CPU));
        var (paddedLoss, paddedGradients) = LossAndGradients(model, Batch.Build(examples, Digits, CPU, pack: false));

        Assert.That(Batch.Build(examples, Digits, CPU).Inputs.shape[0], Is.LessThan(examples.Count), "the examples were packed");
        Assert.That(packedLoss, Is.EqualTo(paddedLoss).Within(1e-5));
        foreach (var (name, packed) in packedGradients)
            Assert.That(packed.allclose(paddedGradients[name], rtol: 1e-4, atol: 1e-6), Is.True, name);
    }

    static (double Loss, Dictionary<string, Tensor> Gradients) LossAndGradients(Runner.Engine.Model.Transformer model, TrainingBatch batch)
    {
        model.zero_grad();
        var logits = model.Forward(batch.Inputs, batch.Mask, cache: null);
        var loss = F.cross_entropy(logits.view(-1, logits.shape[^1]), batch.Targets.view(-1), ignore_index: Batch.Ignore);
        loss.backward();
        return (loss.item<float>(), model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone()));
    }

    static IEnumerable<List<long>> SplitAtEos(IEnumerable<long> tokens)
    {
        var current = new List<long>();
        foreach (var t in tokens)
        {
            current.Add(t);
            if (t == Tokenizer.Eos) { yield return current; current = []; }
        }
    }
}
