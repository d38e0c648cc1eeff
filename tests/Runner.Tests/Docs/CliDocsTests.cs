using System.CommandLine;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Runner.Cli;
using Runner.Tests.EndToEnd;

namespace Runner.Tests.Docs;

/// <summary>
/// docs/cli.md against the commands themselves: every command that does something has a section,
/// and each section's table lists exactly the command's arguments and options, with their defaults.
/// </summary>
public class CliDocsTests
{
    static readonly string Page = File.ReadAllText(Path.Combine(RunnerProcess.RepositoryRoot(), "docs", "cli.md"));

    /// <summary>Every command with an action, by its path without "runner": "run", "ledger verify".</summary>
    static IEnumerable<(string Path, Command Command)> Commands(Command command, string path = "")
    {
        if (command.Action is not null && command is not RootCommand) yield return (path, command);
        foreach (var sub in command.Subcommands)
            foreach (var found in Commands(sub, (path + " " + sub.Name).Trim())) yield return found;
    }

    static readonly Regex Heading = new(@"^### `runner ([a-z -]+)`$", RegexOptions.Multiline);
    static readonly Regex Row = new(@"^\| `(?<name>[^` ]+)[^`]*` \| (?:`(?<default>[^`]*)`)? *\|", RegexOptions.Multiline);

    /// <summary>The rows of each "### `runner X`" section: name (--option, or ARGUMENT without its "...") and documented default.</summary>
    static Dictionary<string, Dictionary<string, string>> Sections()
    {
        var headings = Heading.Matches(Page).ToList();
        var sections = new Dictionary<string, Dictionary<string, string>>();
        for (int i = 0; i < headings.Count; i++)
        {
            int end = i + 1 < headings.Count ? headings[i + 1].Index : Page.IndexOf("\n## ", headings[i].Index, StringComparison.Ordinal);
            string body = Page[headings[i].Index..(end < 0 ? Page.Length : end)];
            sections[headings[i].Groups[1].Value] = Row.Matches(body)
                .Where(m => m.Groups["name"].Value != "argument")
                .ToDictionary(m => m.Groups["name"].Value.TrimEnd('.'), m => m.Groups["default"].Value);
        }
        return sections;
    }

    /// <summary>What the page should show as a default: nothing for flags off, empty lists and nulls.</summary>
    static string Shown(object? value) => value switch
    {
        null or false => "",
        System.Collections.ICollection { Count: 0 } => "",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    static Dictionary<string, string> Expected(Command command) =>
        command.Arguments.Select(a => (Name: a.Name.ToUpperInvariant(), Default: a.HasDefaultValue ? Shown(a.GetDefaultValue()) : ""))
            .Concat(command.Options.Where(o => o.Name is not ("--help" or "--version"))
                .Select(o => (o.Name, Default: o.HasDefaultValue ? Shown(o.GetDefaultValue()) : "")))
            .ToDictionary(x => x.Item1, x => x.Default);

    [Test]
    public void EveryCommandHasASectionAndEverySectionACommand()
    {
        var commands = Commands(RunnerCommands.Create()).Select(c => c.Path).Order().ToList();

        Assert.That(Sections().Keys.Order().ToList(), Is.EqualTo(commands));
    }

    [TestCaseSource(nameof(CommandPaths))]
    public void TheSectionListsExactlyTheCommandsArgumentsAndOptionsWithTheirDefaults(string path)
    {
        var command = Commands(RunnerCommands.Create()).Single(c => c.Path == path).Command;
        Assert.That(Sections().TryGetValue(path, out var documented), Is.True, $"docs/cli.md has no section ### `runner {path}`");

        var expected = Expected(command);
        Assert.Multiple(() =>
        {
            Assert.That(expected.Keys.Except(documented!.Keys), Is.Empty, $"runner {path} has these, docs/cli.md does not list them");
            Assert.That(documented.Keys.Except(expected.Keys), Is.Empty, $"docs/cli.md lists these, runner {path} has no such argument or option");
            foreach (var (name, value) in expected.Where(e => documented.ContainsKey(e.Key)))
                Assert.That(documented[name], Is.EqualTo(value), $"runner {path} {name}: default in docs/cli.md");
        });
    }

    static IEnumerable<string> CommandPaths() => Commands(RunnerCommands.Create()).Select(c => c.Path);

    [Test]
    public void EveryExitCodeIsDocumented()
    {
        var codes = typeof(Cli.Commands.ExitCodes).GetFields().Select(f => (int)f.GetValue(null)!).Distinct();

        foreach (int code in codes)
            Assert.That(Page, Does.Contain($"\n| {code} | "), $"exit code {code} is not in docs/cli.md's table");
    }
}
