namespace Runner.Core.Schedules;

/// <summary>Which difficulties a round labels (METHOD.md section 5).</summary>
public interface IDifficultySchedule
{
    IReadOnlyList<int> Next(int round, int largestTrained);
}

/// <summary>One step a round: round r labels the difficulty just past the largest trained one.</summary>
public sealed class UniformSchedule : IDifficultySchedule
{
    public IReadOnlyList<int> Next(int round, int largestTrained) => [largestTrained + 1];
}

public static class ScheduleCatalog
{
    public static readonly IReadOnlyList<string> Kinds = ["uniform"];

    public static IDifficultySchedule Create(string kind) => kind switch
    {
        "uniform" => new UniformSchedule(),
        _ => throw new ArgumentException($"unknown schedule '{kind}' (expected one of: {string.Join(", ", Kinds)})"),
    };
}
