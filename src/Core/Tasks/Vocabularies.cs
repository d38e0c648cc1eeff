namespace Runner.Core.Tasks;

/// <summary>Token lists for <see cref="ITask.Vocabulary"/>.</summary>
public static class Vocabularies
{
    /// <summary>One token for each character, in order.</summary>
    public static IReadOnlyList<string> Characters(string characters) => characters.Select(c => c.ToString()).ToList();
}
