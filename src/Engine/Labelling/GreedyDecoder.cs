using Runner.Core.Labelling;
using Runner.Core.Model;
using Runner.Engine.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Engine.Labelling;

/// <summary>
/// Batched greedy decoding (the paper's section 2): prompts are left-padded so that every row's
/// next token sits in the same column; padding is masked out of attention. With the KV cache
/// each step feeds one token a row and keeps what it wrote on the device: the written tokens go
/// into a preallocated tensor, ended rows are tracked there too, and the host looks only every
/// <see cref="EndCheckInterval"/> tokens whether every row has ended (each look waits for the
/// device). Without the cache (kept as the reference the cached path is tested against) each
/// step re-reads the whole sequence and reads its tokens back. Both give identical outputs.
/// </summary>
public sealed class GreedyDecoder(LanguageModel model, Tokenizer tokenizer, Device device)
{
    static readonly Scalar Eos = Tokenizer.Eos.ToScalar(); // held for the process: see HeldScalars

    /// <summary>
    /// Tokens between two looks at whether every row has ended: 1 on the CPU, where a look costs
    /// nothing; 8 on a GPU, where it stalls the device, at the price of at most 7 steps past the
    /// end. The outputs do not depend on it: what a row writes after its EOS is dropped.
    /// </summary>
    public int EndCheckInterval { get; init; } = device.type == DeviceType.CUDA ? 8 : 1;

    /// <summary>
    /// How much the device decodes at once (<see cref="DecodeSizing"/>): by default the CPU's, or
    /// a GPU's without a calibration; a run passes the one its calibration gives.
    /// </summary>
    public DecodeSizing Sizing { get; init; } = DecodeSizing.For(device.type, model.SizingShape, calibration: null);

    /// <summary>
    /// Prompt tokens one prefill pass takes (by default <see cref="Sizing"/>'s): on the CPU a whole
    /// batch's prompts at once make activations of hundreds of megabytes (at the paper's shape, 12 KB
    /// a token in the MLP alone), which the allocator maps and faults in afresh each time; passes of
    /// about a thousand tokens stay in the caches and reuse their memory. Measured on 2 cores, 256
    /// prompts of 64-digit sums prefill in about 0.6 of the time. On a GPU, one pass a batch.
    /// Rows never see each other, so the outputs do not change.
    /// </summary>
    public int PrefillTokens
    {
        get => prefillTokens ?? Sizing.PrefillTokens;
        init => prefillTokens = value;
    }
    readonly int? prefillTokens;

    /// <summary>
    /// Tokens computed by the cached path so far: each step of a batch computes one for every row,
    /// ended or not, until every row has ended or the cap is reached (what a decode costs).
    /// </summary>
    public long TokensComputed { get; private set; }

    /// <summary>
    /// Decodes every prompt, <paramref name="batchSize"/> at a time (or more where <see cref="Sizing"/>
    /// asks for more rows), writing at most <paramref name="maxAnswerTokens"/> tokens before EOS.
    /// </summary>
    public IReadOnlyList<Decoded> Decode(IReadOnlyList<string> prompts, int maxAnswerTokens, int batchSize, bool useCache = true) =>
        Decode(prompts, _ => maxAnswerTokens, batchSize, useCache);

    /// <summary>
    /// Decodes every prompt, <paramref name="batchSize"/> at a time (or more where <see cref="Sizing"/>
    /// asks for more rows); each batch writes at most <paramref name="batchCap"/>(the batch's prompts)
    /// tokens before EOS.
    /// </summary>
    public IReadOnlyList<Decoded> Decode(IReadOnlyList<string> prompts, Func<IReadOnlyList<string>, int> batchCap, int batchSize, bool useCache = true) =>
        Decode(prompts, batchCap, batchSize, useCache, entropies: null);

    /// <summary>
    /// Decodes as <see cref="Decode(IReadOnlyList{string}, int, int, bool)"/> does (the same outputs) and
    /// also returns, for each prompt, the mean entropy in nats of the model's next-token distribution
    /// over the tokens it wrote, its EOS included (every token it wrote if it never ended): the
    /// per-token entropy the paper's evaluation records (lib/eval_utils.py:12-19), averaged over the answer.
    /// </summary>
    public IReadOnlyList<(Decoded Output, double MeanEntropy)> DecodeWithEntropy(IReadOnlyList<string> prompts, int maxAnswerTokens, int batchSize)
    {
        var entropies = new List<double>(prompts.Count);
        var outputs = Decode(prompts, _ => maxAnswerTokens, batchSize, useCache: true, entropies);
        return outputs.Zip(entropies).ToList();
    }

    IReadOnlyList<Decoded> Decode(IReadOnlyList<string> prompts, Func<IReadOnlyList<string>, int> batchCap, int batchSize, bool useCache,
        List<double>? entropies)
    {
        var results = new List<Decoded>(prompts.Count);
        if (prompts.Count == 0) return results;
        model.eval();
        using var _ = no_grad();
        var encoded = prompts.Select(tokenizer.EncodePrompt).ToList();
        int longestPrompt = encoded.Max(p => p.Length);
        // A device that decodes more rows at once sizes them with the cap over every prompt (no batch's is larger).
        if (Sizing.MinRows > batchSize)
            batchSize = Sizing.Rows(batchSize, model.CacheBytesPerPosition * (longestPrompt + batchCap(prompts) + 1));
        var caps = Enumerable.Range(0, (prompts.Count + batchSize - 1) / batchSize)
            .Select(b => batchCap(prompts.Skip(b * batchSize).Take(batchSize).ToList()) + 1).ToList();
        // One cache for every batch of the call, allocated (and its pages touched) once.
        using var cache = useCache
            ? model.NewCache(Math.Min(batchSize, prompts.Count), longestPrompt + caps.Max(), device)
            : null;
        for (int start = 0; start < prompts.Count; start += batchSize)
        {
            var batch = encoded.Skip(start).Take(batchSize).ToList();
            int maxNewTokens = caps[start / batchSize];
            List<int>[] tokens;
            if (cache is null) tokens = DecodeUncached(batch, maxNewTokens);
            else
                using (var rows = cache.Rows(0, batch.Count))
                    tokens = DecodeCached(batch, maxNewTokens, rows, entropies);
            results.AddRange(tokens.Select(t => Decoded.Read(tokenizer, t)));
        }
        return results;
    }

    /// <param name="entropies">When given, each row's mean next-token entropy over what it wrote is appended to it.</param>
    List<int>[] DecodeCached(List<int[]> prompts, int maxNewTokens, KvCache cache, List<double>? entropies = null)
    {
        using var scope = NewDisposeScope();
        var (tokens, keyIsReal) = LeftPad(prompts, maxNewTokens);
        int promptWidth = prompts.Max(p => p.Length);
        var logits = Prefill(tokens, PrefillMask(keyIsReal, promptWidth), cache);
        var written = zeros([prompts.Count, maxNewTokens], ScalarType.Int64, device);
        var entropy = entropies is null ? null : zeros([prompts.Count, maxNewTokens], ScalarType.Float32, device);
        var ended = zeros([prompts.Count], ScalarType.Bool, device);
        int steps = 0;
        while (true)
        {
            using var stepScope = NewDisposeScope();
            var next = logits[.., -1].argmax(-1);
            written.select(1, steps).copy_(next);
            if (entropy is not null)
            {
                var logProbabilities = logits[.., -1].to(ScalarType.Float32).log_softmax(-1);
                entropy.select(1, steps).copy_(logProbabilities.exp().mul(logProbabilities).sum(-1).neg());
            }
            ended.logical_or_(next.eq(Eos));
            steps++;
            if (steps == maxNewTokens || (steps % EndCheckInterval == 0 && ended.all().item<bool>())) break;
            // One new query per row; it may attend to every real key so far, itself included.
            int length = cache.Length + 1;
            var mask = keyIsReal.narrow(1, 0, length).reshape(prompts.Count, 1, 1, length);
            logits.Dispose();
            logits = model.Forward(next.view(-1, 1), mask, cache).MoveToOuterDisposeScope();
        }
        TokensComputed += (long)steps * prompts.Count;
        using var host = written.narrow(1, 0, steps).contiguous().cpu();
        var values = host.data<long>().ToArray();
        var outputs = prompts.Select((_, row) => UpToEos(values.AsSpan(row * steps, steps))).ToArray();
        if (entropy is not null)
        {
            using var hostEntropy = entropy.narrow(1, 0, steps).contiguous().cpu();
            var perToken = hostEntropy.data<float>().ToArray();
            for (int row = 0; row < outputs.Length; row++)
            {
                double sum = 0;
                for (int i = 0; i < outputs[row].Count; i++) sum += perToken[row * steps + i];
                entropies!.Add(sum / outputs[row].Count);
            }
        }
        return outputs;
    }

    /// <summary>
    /// Feeds the prompts into the cache, <see cref="PrefillTokens"/> tokens a pass, and returns
    /// the logits of each row's last position [batch, 1, vocab], from which the first token is read.
    /// </summary>
    Tensor Prefill(Tensor tokens, Tensor mask, KvCache cache)
    {
        long rows = tokens.shape[0], width = tokens.shape[1];
        long passRows = Math.Max(1, PrefillTokens / width);
        var last = new List<Tensor>();
        for (long start = 0; start < rows; start += passRows)
        {
            long count = Math.Min(passRows, rows - start);
            using var part = cache.Rows(start, count);
            last.Add(model.Forward(tokens.narrow(0, start, count), mask.narrow(0, start, count), part, lastOnly: true));
        }
        cache.Length = (int)width;
        return last.Count == 1 ? last[0] : cat(last, 0);
    }

    /// <summary>A row's tokens up to and including its first EOS: what it wrote after that is not part of its answer.</summary>
    static List<int> UpToEos(ReadOnlySpan<long> row)
    {
        var output = new List<int>(row.Length);
        foreach (long token in row)
        {
            output.Add((int)token);
            if (token == Tokenizer.Eos) break;
        }
        return output;
    }

    List<int>[] DecodeUncached(List<int[]> prompts, int maxNewTokens)
    {
        using var scope = NewDisposeScope();
        var (tokens, keyIsReal) = LeftPad(prompts, maxNewTokens);
        int width = prompts.Max(p => p.Length);
        var sequence = tokens;
        var outputs = prompts.Select(_ => new List<int>()).ToArray();
        for (int step = 0; step < maxNewTokens; step++)
        {
            var logits = model.Forward(sequence, PrefillMask(keyIsReal, width + step), cache: null);
            var next = logits[.., -1].argmax(-1);
            if (Append(outputs, next)) break;
            sequence = cat([sequence, next.view(-1, 1)], 1);
        }
        return outputs;
    }

    /// <summary>Records each row's token until its EOS; true when every row has ended.</summary>
    static bool Append(List<int>[] outputs, Tensor next)
    {
        using var host = next.cpu();
        var values = host.data<long>().ToArray();
        bool allEnded = true;
        for (int row = 0; row < outputs.Length; row++)
        {
            var output = outputs[row];
            if (output.Count == 0 || output[^1] != Tokenizer.Eos) output.Add((int)values[row]);
            allEnded &= output[^1] == Tokenizer.Eos;
        }
        return allEnded;
    }

    /// <summary>Left-padded prompt tokens [batch, width], and which key positions are real for the whole decode [batch, width + new].</summary>
    (Tensor Tokens, Tensor KeyIsReal) LeftPad(List<int[]> prompts, int maxNewTokens)
    {
        int width = prompts.Max(p => p.Length);
        var tokens = new long[prompts.Count * width];
        var real = new bool[prompts.Count * (width + maxNewTokens)];
        for (int row = 0; row < prompts.Count; row++)
        {
            int padding = width - prompts[row].Length;
            for (int i = 0; i < width; i++) tokens[row * width + i] = i < padding ? Tokenizer.Pad : prompts[row][i - padding];
            for (int i = padding; i < width + maxNewTokens; i++) real[row * (width + maxNewTokens) + i] = true;
        }
        return (tensor(tokens, [prompts.Count, width], device: device),
                tensor(real, [prompts.Count, width + maxNewTokens], device: device));
    }

    /// <summary>
    /// Causal mask over the first <paramref name="length"/> positions that also hides padding
    /// keys. Each position may always see itself, so padding rows never have every key masked
    /// (which would make softmax NaN and leak NaN through the values).
    /// </summary>
    Tensor PrefillMask(Tensor keyIsReal, int length)
    {
        var causal = ones([length, length], ScalarType.Bool, device: device).tril();
        var real = keyIsReal.narrow(1, 0, length).reshape(-1, 1, 1, length);
        var self = eye(length, dtype: ScalarType.Bool, device: device);
        return (causal & real) | self;
    }
}
