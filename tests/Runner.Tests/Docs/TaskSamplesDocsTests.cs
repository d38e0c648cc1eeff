using NUnit.Framework;
using Runner.Core.Model;
using Runner.Core.Tasks;
using Runner.Tests.EndToEnd;

namespace Runner.Tests.Docs;

/// <summary>
/// The tutorial's table of sample prompts and answers is what the tasks generate: one row per
/// task kind, at the difficulty the row names, from Random(1), with the sequence length that
/// model.context must hold. A new task kind fails here until the tutorial shows it.
/// </summary>
public class TaskSamplesDocsTests
{
    static readonly Dictionary<string, Difficulty> Shown = new()
    {
        ["copy"] = 6, ["reverse"] = 6, ["reverse_addition"] = 4, ["forward_addition"] = 4,
        ["multiplication"] = Difficulty.Pair(2, 3), ["maze_hops"] = 3, ["maze_nodes"] = 10,
    };

    /// <summary>The table row for a task kind, exactly as docs/tutorial.md has it.</summary>
    public static string Row(string kind)
    {
        var task = TaskCatalog.Create(kind);
        var difficulty = Shown[kind];
        var prompt = task.SamplePrompt(difficulty, new Random(1));
        return $"| `{kind}` | {task.Describe(difficulty)} | `{prompt}` | `{task.Solve(prompt)}` | {SequenceLength.Of(task, difficulty)} |";
    }

    [TestCaseSource(typeof(TaskCatalog), nameof(TaskCatalog.Kinds))]
    public void TheTutorialShowsASampleOfEveryTaskKind(string kind)
    {
        Assert.That(Shown.ContainsKey(kind), $"add a difficulty for '{kind}' above and its row to docs/tutorial.md");
        var page = File.ReadAllText(Path.Combine(RunnerProcess.RepositoryRoot(), "docs", "tutorial.md"));

        Assert.That(page, Does.Contain(Row(kind) + "\n"));
    }
}
