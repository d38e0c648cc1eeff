using Runner.Core.Tasks;
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
    readonly Dictionary<string, RunEnvironment?> environments = [];
    readonly Dictionary<string, Calibration?> calibrations = [];
    readonly PackedSteps packing = new();

    public RunEstimate Estimate(RunForecast forecast)
    {
        var environment = Environment(forecast.Plan.Spec.Device);
        if (environment is null) return RunEstimate.For(forecast, null, packing);
        var key = Key(forecast, environment);
        return RunEstimate.For(forecast, Calibration(key, forecast), packing) with { Key = key };
    }

    /// <summary>The key of a forecast's shape on this machine, as <paramref name="environment"/> runs it.</summary>
    public static CalibrationKey Key(RunForecast forecast, RunEnvironment environment)
    {
        string Variable(string name) => System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : "default";
        return new CalibrationKey(environment.Host, environment.Cpu, environment.Gpu, environment.DeviceName, environment.Threads,
            environment.Packages, $"ATEN_CPU_CAPABILITY={Variable("ATEN_CPU_CAPABILITY")}, MKL_CBWR={Variable("MKL_CBWR")}",
            forecast.Shape, forecast.Plan.Spec.Training.Batch, forecast.Plan.Spec.SelfImprove.DecodeBatch);
    }

    Calibration? Calibration(CalibrationKey key, RunForecast forecast)
    {
        string id = key.ToString();
        if (calibrations.TryGetValue(id, out var known)) return known;
        var calibration = calibrate ? null : cache.Find(key);
        if (calibrate)
        {
            log?.WriteLine($"calibrating {key.Describe()}: {Calibrator.Work}...");
            var environment = environments[forecast.Plan.Spec.Device]!;
            calibration = Calibrator.Measure(key, TaskCatalog.Create(forecast.Plan.Spec.Task.Kind), environment.Device);
            string path = cache.Save(key, calibration);
            log?.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"calibrated in {calibration.MeasuredSeconds:0.0} s, cached in {path}"));
        }
        calibrations[id] = calibration;
        return calibration;
    }

    /// <summary>Where a spec's device runs on this machine; null when it cannot (cuda asked for, none here).</summary>
    RunEnvironment? Environment(string device)
    {
        if (!environments.TryGetValue(device, out var environment))
        {
            try { environment = RunEnvironment.Create(device, threads); }
            catch (RunException e)
            {
                log?.WriteLine($"no estimate for device {device}: {e.Message}");
                environment = null;
            }
            environments[device] = environment;
        }
        return environment;
    }
}
