using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using Runner.Core.Specs;
using Runner.Engine.Benchmarks;
using Runner.Engine.Model;
using Runner.Engine.Native;
using Runner.Engine.Runs;
using TorchSharp;

namespace Runner.Cli.Commands;

/// <summary>`runner bench`: training and labelling throughput, one JSON line like the PyTorch peer's.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var defaults = new BenchmarkSettings();
        var layers = Int("--layers", defaults.Layers);
        var d = Int("--d", defaults.DModel);
        var heads = Int("--heads", defaults.Heads);
        var ffn = Int("--ffn", defaults.Ffn);
        var batch = Int("--batch", defaults.Batch);
        var digits = Int("--digits", defaults.Digits);
        var steps = Int("--steps", defaults.Steps);
        var gen = Int("--gen", defaults.Generate);
        var answerDigits = new Option<int[]>("--answer-digits")
        {
            Description = "Also time decoding at these operand lengths, e.g. 8,16,32,64: decode_ms_per_token per length",
            CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries))
                .Select(v => int.TryParse(v, out int n) && n >= 1 ? n : ParseError(r, v)).ToArray(),
            DefaultValueFactory = _ => [],
        };
        answerDigits.AllowMultipleArgumentsPerToken = false;
        var tf32 = new Option<bool>("--tf32") { Description = "On a GPU, TF32 matmuls (as runs use by default); no effect on the CPU", DefaultValueFactory = _ => true };
        var precision = new Option<string>("--precision")
        {
            Description = "Matrix products in fp32 or bf16 (mixed precision, as a spec's training.precision: bf16); MFU is against that dtype's matmul rate",
            DefaultValueFactory = _ => PrecisionChecks.Fp32,
        };
        precision.AcceptOnlyFromAmong([.. PrecisionChecks.Precisions]);
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => 2 };
        var numerics = new Option<string>("--numerics")
        {
            Description = "CPU kernels: portable (pinned, the same results on any x64 CPU with AVX2) or fast (this CPU's fastest)",
            DefaultValueFactory = _ => CpuNumerics.Portable,
        };
        numerics.AcceptOnlyFromAmong(CpuNumerics.Portable, CpuNumerics.Fast);
        threads.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) r.AddError("--threads must be at least 0 (0: all cores)"); });
        var command = new Command("bench", "Measure training steps/s and labels/s on reversed addition (compare with ../shared/bench/pytorch_baseline.py)")
        {
            layers, d, heads, ffn, batch, digits, steps, gen, answerDigits, tf32, precision, threads, numerics,
        };
        command.Validators.Add(r =>
        {
            int dModel = r.GetValue(d), headCount = r.GetValue(heads);
            if (headCount >= 1 && dModel % headCount != 0) r.AddError($"--heads must divide --d ({dModel} % {headCount} = {dModel % headCount})");
        });
        command.SetAction(parse =>
        {
            var settings = new BenchmarkSettings(parse.GetValue(layers), parse.GetValue(d), parse.GetValue(heads), parse.GetValue(ffn),
                parse.GetValue(batch), parse.GetValue(digits), parse.GetValue(steps), parse.GetValue(gen), parse.GetValue(answerDigits));
            var environment = RunEnvironment.Create("auto", parse.GetValue(threads), parse.GetValue(numerics)!);
            environment.UseTf32(parse.GetValue(tf32));
            var result = ThroughputBenchmark.Run(settings, environment.Device, Precision.MatmulType(parse.GetValue(precision)!));
            // The peer's keys (torch, params, seq_len, batch, train_ms_per_step_median, train_tokens_per_s,
            // label_examples_per_s) keep their names and meaning, so a script can divide one line by the other.
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                torch = torch.__version__,
                runner = environment.Packages,
                device = environment.DeviceName,
                gpu = environment.Gpu,
                tf32 = environment.Tf32For(parse.GetValue(tf32)),
                precision = parse.GetValue(precision),
                threads = environment.Threads,
                numerics = environment.Numerics.Mode,
                @params = result.Parameters,
                seq_len = result.SequenceLength,
                batch = result.Batch,
                train_ms_per_step_median = result.TrainMsPerStepMedian,
                train_tokens_per_s = result.TrainTokensPerSecond,
                label_examples_per_s = result.LabelExamplesPerSecond,
                matmul_gflops = result.MatmulGflops,
                mfu = result.Mfu,
                label_mfu = result.LabelMfu,
                decode_ms_per_token = result.DecodeMsPerToken.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value),
            }));
            return ExitCodes.Ok;
        });
        return command;
    }

    static int ParseError(ArgumentResult result, string value)
    {
        result.AddError($"--answer-digits takes a comma-separated list of lengths of at least 1 (got '{value}')");
        return 0;
    }

    /// <summary>A count of at least 1: a bad value is a one-line argument error (exit 2), not a crash inside the benchmark.</summary>
    static Option<int> Int(string name, int value)
    {
        var option = new Option<int>(name) { DefaultValueFactory = _ => value };
        option.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError($"{name} must be at least 1 (got {r.GetValueOrDefault<int>()})"); });
        return option;
    }
}
