using Runner.Core.Plans;
using Runner.Core.Tasks;
using Runner.Engine.Native;
using Runner.Engine.Runs;

namespace Runner.Engine.Cost;

/// <summary>
/// Estimates planned runs on this machine from the calibration cache. With
/// <paramref name="calibrate"/> it first measures every shape it is asked about (once each),
/// replacing what the cache held, and says on <paramref name="log"/> what it measured, how long
/// that took and where it is kept; without, a shape the cache lacks gets FLOPs but no seconds.
/// </summary>
public sealed class Estimator(CalibrationCache cache, int threads, bool calibrate = false, TextWriter? log = null)
{
    readonly Dictionary<(string Device, string Numerics), RunEnvironment?> environments = [];
    readonly Dictionary<string, Calibration?> calibrations = [];
    readonly PackedSteps packing = new();

    public RunEstimate Estimate(RunForecast forecast)
    {
        var environment = Environment(forecast.Plan.Spec.Device, forecast.Plan.Spec.Numerics);
        if (environment is null) return RunEstimate.For(forecast, null, packing);
        var key = Key(forecast, environment);
        return RunEstimate.For(forecast, Calibration(key, forecast), packing) with { Key = key };
    }

    /// <summary>The key of a forecast's shape on this machine, as <paramref name="environment"/> runs it (its kernels: numerics and CPU, or GPU model and TF32).</summary>
    public static CalibrationKey Key(RunForecast forecast, RunEnvironment environment) =>
        new(environment.Host, environment.CpuName, environment.Gpu, environment.DeviceName, environment.Threads, environment.Packages,
            environment.KernelsFor(forecast.Plan.Spec.Tf32), forecast.Shape, forecast.Plan.Spec.Training.Batch, forecast.Plan.Spec.SelfImprove.DecodeBatch);

    Calibration? Calibration(CalibrationKey key, RunForecast forecast)
    {
        string id = key.ToString();
        if (calibrations.TryGetValue(id, out var known)) return known;
        var calibration = calibrate ? null : cache.Find(key);
        if (calibrate)
        {
            log?.WriteLine($"calibrating {key.Describe()}: {Calibrator.Work}...");
            var environment = environments[(forecast.Plan.Spec.Device, forecast.Plan.Spec.Numerics)]!;
            environment.UseTf32(forecast.Plan.Spec.Tf32); // as the run will
            calibration = Calibrator.Measure(key, TaskCatalog.Create(forecast.Plan.Spec.Task.Kind), environment.Device);
            string path = cache.Save(key, calibration);
            log?.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"calibrated in {calibration.MeasuredSeconds:0.0} s, cached in {path}"));
        }
        calibrations[id] = calibration;
        return calibration;
    }

    /// <summary>
    /// Where a spec's device runs on this machine, with its numerics; null when it cannot: cuda
    /// asked for and none here, or numerics other than those libtorch loaded with in this process.
    /// </summary>
    RunEnvironment? Environment(string device, string numerics)
    {
        if (!environments.TryGetValue((device, numerics), out var environment))
        {
            try { environment = RunEnvironment.Create(device, threads, numerics); }
            catch (Exception e) when (e is RunException or InvalidOperationException)
            {
                log?.WriteLine($"no time estimate for device {device}, {numerics} numerics: {e.Message}");
                environment = null;
            }
            environments[(device, numerics)] = environment;
        }
        return environment;
    }
}
