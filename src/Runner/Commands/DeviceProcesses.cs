using System.Diagnostics;
using System.Reflection;
using Runner.Core.Plans;
using Runner.Engine.Native;
using Runner.Engine.Runs;

namespace Runner.Cli.Commands;

/// <summary>
/// `runner run --devices`: one child `runner run` per local GPU, each seeing only its GPU
/// (CUDA_VISIBLE_DEVICES) and training its own shard of the runs. A process trains on one GPU,
/// so without this a host with eight trains on one. Shards compose with --shard: shard I of N
/// across hosts, split over D local GPUs, is the shards I, I + N, ..., I + (D - 1) N of N x D,
/// which together hold exactly shard I's runs. The children share the ledger and runs folders:
/// every ledger file and checkpoint folder is named by its run id, so two never write the same
/// file, and the arms that share a seed's round 0 are in the same shard.
/// </summary>
public static class DeviceProcesses
{
    /// <summary>
    /// The GPUs --devices names: "all" (CUDA_VISIBLE_DEVICES's entries when it is set, else every
    /// GPU nvidia-smi lists), or a comma-separated list of indices or UUIDs as CUDA_VISIBLE_DEVICES
    /// takes them. Throws <see cref="FormatException"/> with a message for the user.
    /// </summary>
    public static IReadOnlyList<string> Parse(string text, Func<string, string?> variable, Func<int?> gpuCount)
    {
        if (text == "all")
        {
            if (variable("CUDA_VISIBLE_DEVICES") is { } visible)
                return Parse(visible, _ => null, () => null) is { Count: > 0 } listed ? listed
                    : throw new FormatException("--devices all: CUDA_VISIBLE_DEVICES is empty, so no GPU is visible");
            int count = gpuCount() ?? throw new FormatException("--devices all: nvidia-smi lists no GPU (is the NVIDIA driver installed?)");
            return Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        }
        var devices = text.Split(',', StringSplitOptions.TrimEntries);
        if (devices.Length == 0 || devices.Any(d => d.Length == 0 || d.Any(char.IsWhiteSpace)))
            throw new FormatException($"--devices must be all or a comma-separated list of GPU indices or UUIDs, e.g. 0,1,2,3 (got '{text}')");
        if (devices.Distinct().Count() != devices.Length)
            throw new FormatException($"--devices {text}: a GPU is listed twice");
        return devices;
    }

    /// <summary>
    /// `runner run SPEC --devices LIST`: the shard's runs over one child a GPU (at most one a seed:
    /// a seed's runs stay in one process), then the report once, over the shared ledger.
    /// </summary>
    public static int Execute(RunCommand.RunOptions options, Core.Specs.LoadedSpec spec, Shard shard, IReadOnlyList<RunPlan> plans)
    {
        if (spec.Arms[0].Spec.Device == "cpu")
        {
            Console.Error.WriteLine($"runner: error: --devices runs one process per GPU, but {spec.Path} says device: cpu (use --set device=cuda)");
            return ExitCodes.InvalidArguments;
        }
        IReadOnlyList<string> devices;
        try
        {
            devices = Parse(options.Devices!, Environment.GetEnvironmentVariable, () => Gpus.Query()?.Models.Count);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"runner: error: {e.Message}");
            return ExitCodes.InvalidArguments;
        }
        int seeds = Shard.Seeds(plans).Count;
        if (devices.Count > seeds)
        {
            Console.Error.WriteLine($"runner: note: {seeds} seed(s) to run, so {seeds} of the {devices.Count} GPUs are used (a seed's runs stay in one process)");
            devices = devices.Take(seeds).ToList();
        }
        var arguments = new List<string> { "run", options.Spec, "--ledger", options.Ledger, "--runs", options.Runs, "--threads", options.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (options.RequireClean) arguments.Add("--require-clean");
        foreach (var set in options.Overrides ?? []) arguments.AddRange(["--set", set]);
        var children = devices.Select((device, i) => (device, ChildStart(device, ShardFor(shard, i, devices.Count), arguments))).ToList();
        foreach (var (device, start) in children)
            Console.WriteLine($"{spec.Path}: GPU {device} runs shard {start.ArgumentList[start.ArgumentList.IndexOf("--shard") + 1]}");
        int code = RunAll(children, Console.Out, Console.Error);
        Console.WriteLine($"ledger: {Path.GetFullPath(options.Ledger)}");
        if (code != 0 || !options.Report) return code;
        return ReportCommand.Execute(new Reports.ReportOptions([spec.Base.Name], options.Ledger), Console.Out, Console.Error);
    }

    /// <summary>The shard the <paramref name="local"/>-th (from 0) of <paramref name="localCount"/> GPUs trains, within <paramref name="outer"/>.</summary>
    public static Shard ShardFor(Shard outer, int local, int localCount) =>
        new(outer.Index + local * outer.Count, outer.Count * localCount);

    /// <summary>
    /// How to start the child for one GPU: this runner again, with <paramref name="arguments"/>
    /// (`run SPEC` and its options, without --shard, --devices and the report) plus its shard, and
    /// only that GPU visible. CUDA_DEVICE_ORDER=PCI_BUS_ID numbers GPUs as nvidia-smi does, so the
    /// index means the GPU nvidia-smi shows under it (CUDA's own order puts the fastest first).
    /// </summary>
    public static ProcessStartInfo ChildStart(string device, Shard shard, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Under `dotnet runner.dll` the process is dotnet: it needs the program's path first.
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet" && Assembly.GetEntryAssembly()?.Location is { Length: > 0 } program)
            start.ArgumentList.Add(program);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var argument in new[] { "--shard", shard.ToString(), "--no-report" }) start.ArgumentList.Add(argument);
        start.Environment["CUDA_VISIBLE_DEVICES"] = device;
        start.Environment["CUDA_DEVICE_ORDER"] = "PCI_BUS_ID";
        start.Environment.Remove("RUNNER_SHARD"); // --shard auto was resolved by the parent
        return start;
    }

    /// <summary>
    /// Starts every child, writes their lines as they come, each prefixed with its GPU ("[gpu 1] "),
    /// waits for all, and returns 0 when every child did, else the first failing child's exit code
    /// (in the order given). A child that fails does not stop the others: their runs are recorded.
    /// </summary>
    public static int RunAll(IReadOnlyList<(string Device, ProcessStartInfo Start)> children, TextWriter output, TextWriter errors)
    {
        var gate = new object();
        var processes = new List<Process>();
        try
        {
            foreach (var (device, start) in children)
            {
                var process = new Process { StartInfo = start };
                string prefix = $"[gpu {device}] ";
                process.OutputDataReceived += (_, e) => { if (e.Data is { } line) lock (gate) output.WriteLine(prefix + line); };
                process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (gate) errors.WriteLine(prefix + line); };
                process.Start();
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                processes.Add(process);
            }
            foreach (var process in processes) process.WaitForExit();
            return processes.Select(p => p.ExitCode).FirstOrDefault(code => code != 0);
        }
        finally
        {
            foreach (var process in processes) process.Dispose();
        }
    }
}
