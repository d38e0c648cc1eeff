using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Runner.Tests.EndToEnd;

namespace Runner.Tests.Docs;

/// <summary>
/// Runs docs/tutorial.md in a fresh git repository, top to bottom: writes each file a
/// `&lt;!-- file: PATH --&gt;` block gives, runs each `$ ` line of a console block with bash (runner
/// is the built program) and compares what it printed with the lines under it. Lines are compared
/// by shape: numbers, durations and hashes stand for any; `...` stands for any number of lines;
/// `[exit N]` is the expected exit code (0 otherwise). Set RUNNER_TUTORIAL_TRANSCRIPT to a file to
/// get what the commands printed, to paste into the page after a change.
/// </summary>
public class TutorialTests
{
    const string PageHome = "~/Runner", CacheHome = "~/.cache/runner";

    static readonly Regex FileMarker = new(@"^<!-- file: (?<path>\S+) -->$");
    static readonly Regex Durations = new(@"\b\d+ h \d+ min\b|\b\d+ min \d+ s\b|\b\d+(\.\d+)? s\b|\b\d+(\.\d+)?s\b");
    // A run id's hash may be all digits (about 1 in 30 are): 7 or more hex digits are a hash either way.
    static readonly Regex Hashes = new(@"\b[0-9a-f]{7,64}\b");
    static readonly Regex Numbers = new(@"\d+([.,]\d+)*");
    static readonly Regex Spaces = new(@"\s+");

    /// <summary>A line as its shape: what stays the same from one run to the next.</summary>
    public static string Shape(string line) =>
        Spaces.Replace(Numbers.Replace(Hashes.Replace(Durations.Replace(line, "T"), "H"), "N"), " ").Trim();

    /// <summary>Whether <paramref name="actual"/> has the shape of <paramref name="expected"/>, where a "..." line matches any lines.</summary>
    public static bool Matches(IReadOnlyList<string> expected, IReadOnlyList<string> actual, int e = 0, int a = 0)
    {
        if (e == expected.Count) return a == actual.Count;
        if (expected[e] == "...")
            return Enumerable.Range(a, actual.Count - a + 1).Any(next => Matches(expected, actual, e + 1, next));
        return a < actual.Count && Shape(expected[e]) == Shape(actual[a]) && Matches(expected, actual, e + 1, a + 1);
    }

    [Test]
    public void ShapesIgnoreNumbersDurationsAndHashesButNotWords()
    {
        Assert.That(Shape("main seed 41 round 1: kept 51/64; frontier 2 (173s)"), Is.EqualTo(Shape("main seed 7 round 3: kept 0/64; frontier 0 (9s)")));
        Assert.That(Shape("about 10 min 21 s on cpu, run 20261205-182150-main-s41-9ca4d13"), Is.EqualTo("about T on cpu, run H-N-main-sN-H"));
        Assert.That(Shape("frontier 2"), Is.Not.EqualTo(Shape("reach 2")));
    }

    [Test]
    public void AnEllipsisMatchesAnyLinesAndNothingElseDoes()
    {
        Assert.That(Matches(["a 1", "...", "c"], ["a 2", "x", "y", "c"]), Is.True);
        Assert.That(Matches(["a 1", "...", "c"], ["a 2", "c"]), Is.True);
        Assert.That(Matches(["a 1", "c"], ["a 2", "x", "c"]), Is.False);
        Assert.That(Matches(["a 1"], ["a 1", "more"]), Is.False);
    }

    sealed record Step(string? File, string Text, string? Command, List<string> Expected, int ExitCode);

    /// <summary>The page as the files it writes and the commands it runs, in order.</summary>
    static List<Step> Steps(string page)
    {
        var steps = new List<Step>();
        var lines = page.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (FileMarker.Match(lines[i]) is { Success: true } marker)
            {
                int start = i + 2, end = Array.IndexOf(lines, "```", start);
                steps.Add(new Step(marker.Groups["path"].Value, string.Join('\n', lines[start..end]) + "\n", null, [], 0));
                i = end;
            }
            else if (lines[i] == "```console")
            {
                int end = Array.IndexOf(lines, "```", i + 1);
                Step? current = null;
                foreach (var line in lines[(i + 1)..end])
                {
                    if (line.StartsWith("$ ", StringComparison.Ordinal))
                        steps.Add(current = new Step(null, "", line[2..], [], 0));
                    else if (Regex.Match(line, @"^\[exit (\d+)\]$") is { Success: true } exit)
                        steps[^1] = current = current! with { ExitCode = int.Parse(exit.Groups[1].Value) };
                    else
                        current!.Expected.Add(line);
                }
                i = end;
            }
        }
        return steps;
    }

    [Test]
    public void TheTutorialsCommandsPrintWhatThePageShows()
    {
        var page = File.ReadAllText(Path.Combine(RunnerProcess.RepositoryRoot(), "docs", "tutorial.md"));
        var steps = Steps(page);
        Assert.That(steps.Count(s => s.Command is not null), Is.GreaterThanOrEqualTo(10), "the tutorial's console blocks were not found");

        using var repo = new TempRepository();
        var bin = Directory.CreateDirectory(repo.PathOf(".bin")).FullName;
        File.WriteAllText(Path.Combine(bin, "runner"), $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "runner.dll")}' \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(bin, "runner"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        repo.Write(".gitignore", "runs/\nreports/\n.bin/\n");
        repo.Commit("A repository to work in");

        var transcript = new StringBuilder();
        var failures = new List<string>();
        foreach (var step in steps)
        {
            if (step.File is not null)
            {
                repo.Write(step.File, step.Text);
                continue;
            }
            var (code, output) = Bash(repo.Root, bin, step.Command!);
            var actual = output.Replace(repo.Root, PageHome).Replace(RunnerProcess.CalibrationCacheRoot, CacheHome)
                .Split('\n').ToList();
            if (actual.Count > 0 && actual[^1] == "") actual.RemoveAt(actual.Count - 1);
            transcript.AppendLine("$ " + step.Command).AppendJoin("", actual.Select(l => l + "\n"));
            if (code != 0) transcript.AppendLine($"[exit {code}]");
            if (Environment.GetEnvironmentVariable("RUNNER_TUTORIAL_TRANSCRIPT") is { Length: > 0 } path)
                File.WriteAllText(path, transcript.ToString());
            if (code != step.ExitCode || !Matches(step.Expected, actual))
                failures.Add($"$ {step.Command}\n(exit {code}, expected {step.ExitCode})\n{string.Join('\n', actual)}");
        }

        Assert.That(failures, Is.Empty, "these commands printed other than docs/tutorial.md shows:\n\n" + string.Join("\n\n", failures));
    }

    static (int Code, string Output) Bash(string root, string bin, string command)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = root, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command + " 2>&1");
        start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["RUNNER_CACHE"] = RunnerProcess.CalibrationCacheRoot;
        // As on a researcher's machine: not CI (which refuses uncommitted changes), a git identity to commit with.
        start.Environment.Remove("CI");
        foreach (var name in new[] { "GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME" }) start.Environment[name] = "Tutorial";
        foreach (var name in new[] { "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL" }) start.Environment[name] = "tutorial@example.com";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{command} did not finish in 10 minutes");
        }
        return (process.ExitCode, output.Result);
    }
}
