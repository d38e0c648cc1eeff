using Runner.Core.Ledger;

namespace Runner.Cli.Commands;

/// <summary>How the commands that read the ledger report failure: one line on stderr, never a stack trace.</summary>
public static class LedgerErrors
{
    public static int Guard(TextWriter errors, Func<int> command)
    {
        try
        {
            return command();
        }
        catch (LedgerException e)
        {
            errors.WriteLine($"runner: error: {e.Message} (`runner ledger verify` checks every file)");
            return ExitCodes.Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"runner: error: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("RUNNER_DEBUG") is null)
        {
            // A bug, not bad input: still one line, as `runner run` does; RUNNER_DEBUG=1 shows the stack trace.
            errors.WriteLine($"runner: internal error: {e.GetType().Name}: {e.Message} (set RUNNER_DEBUG=1 for the stack trace)");
            return ExitCodes.Failed;
        }
    }
}
