using System.CommandLine;

namespace Runner.Cli.Commands;

/// <summary>`runner specs ...`: which spec files a change touches, and how CI spreads them over runners.</summary>
public static class SpecsCommand
{
    public static Command Create() => new("specs", "Which specs a change touches, and the CI job matrix that runs them")
    {
        SpecsChangedCommand.Create(),
        SpecsMatrixCommand.Create(),
    };
}
