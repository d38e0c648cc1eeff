
namespace Runner.Engine.Native;

/// <summary>
/// The GPUs a CUDA run can see, by model, and the driver, as nvidia-smi reports them. A run's
/// results on a GPU depend on its model (kernels, and with them rounding, differ from one
/// architecture to the next), so CUDA runs are keyed by the model that runs them (<see cref="Running"/>, <see cref="RunEnvironment.Kernels"/>).
/// </summary>
public sealed record Gpus(IReadOnlyList<string> Models, string Driver)
{
    /// <summary>One model, "2 x NVIDIA A100-SXM4-80GB", or a mix, "NVIDIA A100-SXM4-80GB + Tesla T4".</summary>
    public string ModelText => Models.Distinct().Count() == 1
        ? (Models.Count == 1 ? Models[0] : $"{Models.Count} x {Models[0]}")
        : string.Join(" + ", Models);

    /// <summary>
    /// The model of the GPU a run trains on: a process trains on its first visible GPU, so a
    /// host's count of GPUs is not part of what computed a result ("8 x H100" runs on one H100).
    /// With a mix of models all are named: which one CUDA numbers first depends on
    /// CUDA_DEVICE_ORDER (`runner run --devices` sets PCI_BUS_ID and shows each child one GPU).
    /// </summary>
    public string Running => Models.Distinct().Count() == 1 ? Models[0] : ModelText;

    public override string ToString() => $"{ModelText} (driver {Driver})";

    /// <summary>
    /// Asks nvidia-smi for the GPUs CUDA_VISIBLE_DEVICES leaves visible (all when it is unset);
    /// null when nvidia-smi is missing, fails or lists none.
    /// </summary>
    public static Gpus? Query()
    {
        List<string> arguments = ["--query-gpu=name,driver_version", "--format=csv,noheader"];
        if (Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES") is { Length: > 0 } visible) arguments.Add($"--id={visible}");
        return NvidiaSmi.Run([.. arguments]) is { ExitCode: 0 } smi ? Parse(smi.Output) : null;
    }

    /// <summary>nvidia-smi's "name, driver_version" lines; null when there are none.</summary>
    public static Gpus? Parse(string csv)
    {
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(',', StringSplitOptions.TrimEntries))
            .Where(fields => fields.Length == 2 && fields[0].Length > 0)
            .ToList();
        return rows.Count == 0 ? null : new Gpus(rows.Select(r => r[0]).ToList(), string.Join(", ", rows.Select(r => r[1]).Distinct()));
    }
}
