using System.CommandLine;

namespace Runner.Cli.Commands;

/// <summary>`runner specs ...`: which spec files a change touches, and how CI spreads them over runners.</summary>
public static class SpecsCommand
{
    public static Command Create() => new("specs", "Which specs a change touches, the CI job matrix that runs them, and the shard results CI carries between runs")
    {
        SpecsChangedCommand.Create(),
        SpecsMatrixCommand.Create(),
        SpecsLatestAttemptsCommand.Create(),
        SpecsPromoteCommand.Create(),
    };
}
