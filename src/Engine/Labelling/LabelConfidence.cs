using Runner.Core.Model;
using Runner.Core.Tasks;
using Runner.Engine.Model;
using Runner.Engine.Training;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Runner.Engine.Labelling;

/// <summary>
/// How sure the models are of labels, with no ground truth: the probability a model gives a
/// label, every token of it and the final EOS, read teacher-forced after the prompt. Greedy
/// decoding wrote the most likely token at each step, so for a model's own label this is the
/// product of its per-token confidences; a calibrated model's mean over a round's labels
/// estimates their accuracy. With several models it is their mean for the chosen label. It lets
/// the avalanche guard watch one model's labels, where agreement needs several.
/// </summary>
public sealed class LabelConfidence(IReadOnlyList<LanguageModel> models, Tokenizer tokenizer, Device device, int batchSize)
{
    static readonly Scalar Ignore = Batch.Ignore.ToScalar(); // held for the process: see HeldScalars

    /// <summary>Each example's probability under the models (their mean), in order.</summary>
    public IReadOnlyList<double> Of(IReadOnlyList<Example> labels)
    {
        var total = new double[labels.Count];
        foreach (var model in models)
        {
            model.eval();
            using var _ = no_grad();
            for (int start = 0; start < labels.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var batch = labels.Skip(start).Take(batchSize).ToList();
                // One label a row, so each row's sum is one label's log-probability.
                var (inputs, targets, _, _) = Batch.Build(batch, tokenizer, device, pack: false);
                var logProbabilities = F.log_softmax(model.forward(inputs), -1);
                var answer = targets.ne(Ignore);
                // Prompt and padding positions hold Ignore; any valid index reads there, and the mask drops it.
                var perToken = logProbabilities.gather(-1, targets.clamp_min(HeldScalars.Zero).unsqueeze(-1)).squeeze(-1) * answer;
                var perLabel = perToken.sum(-1).exp().to(ScalarType.Float64).cpu().data<double>().ToArray();
                for (int i = 0; i < perLabel.Length; i++) total[start + i] += perLabel[i] / models.Count;
            }
        }
        return total;
    }
}
