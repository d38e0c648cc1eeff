using System.ComponentModel;
using System.Diagnostics;

namespace Runner.Engine.Native;

/// <summary>Runs nvidia-smi with arguments: its exit code and standard output, or null when it is not installed or hangs past 20 s.</summary>
public static class NvidiaSmi
{
    public static (int ExitCode, string Output)? Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("nvidia-smi") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start);
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill();
                return null;
            }
            return (process.ExitCode, output.Result);
        }
        catch (Win32Exception)
        {
            return null; // not installed
        }
    }
}
