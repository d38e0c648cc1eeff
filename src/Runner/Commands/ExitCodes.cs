namespace Runner.Cli.Commands;

/// <summary>What runner's exit status means.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The run failed (a missing device, an unreadable ledger, an I/O error), `ledger verify` found problems, or a diff side has no results.</summary>
    public const int Failed = 1;
    /// <summary>A spec is malformed; nothing was trained or written.</summary>
    public const int InvalidSpec = 2;
    /// <summary>`show RUN`: no run, or more than one, has that id or id prefix.</summary>
    public const int NoSuchRun = 2;
    /// <summary>Bad command-line input: an unknown revision, no git repository, an unknown --format.</summary>
    public const int InvalidArguments = 2;
    /// <summary>`runner diff --fail-on-regression`: some result got worse beyond the threshold.</summary>
    public const int Regression = 3;
    /// <summary>Uncommitted changes where clean code is required (CI=true or --require-clean).</summary>
    public const int DirtyTree = 4;
    /// <summary>Stopped by Ctrl+C after the current step.</summary>
    public const int Cancelled = 130;
}
