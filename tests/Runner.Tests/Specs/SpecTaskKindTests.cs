using NUnit.Framework;

namespace Runner.Tests.Specs;

/// <summary>Rules that depend on the task kind: the forward-addition and maze formats.</summary>
public class SpecTaskKindTests : SpecFileTests
{
    [TestCase("maze_hops")]
    [TestCase("maze_nodes")]
    public void ExpectedLengthFilterIsRejectedWhereThePromptDoesNotTellTheLength(string kind)
    {
        var errors = ErrorsOf($"""
            name: demo
            task:
              kind: {kind}
              d0:
                min: 10
                max: 12
            self_improve:
              filters:
                - kind: length
                  rule: expected
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{file}:10:7: self_improve.filters[0].rule: 'expected' needs a prompt that tells the answer's length, and {kind}'s does not; use rule 'batch' (with k)",
        }));
    }

    [TestCase("batch, k: 2")]
    [TestCase("expected")]
    public void ForwardAdditionTakesEitherLengthRule(string rule)
    {
        var spec = LoadOk($$"""
            name: demo
            task:
              kind: forward_addition
            self_improve:
              filters:
                - {kind: length, rule: {{rule}}}
            """);

        Assert.That(spec.Base.Task.Kind, Is.EqualTo("forward_addition"));
    }

    [Test]
    public void MazeDifficultiesMustFitTheMaze()
    {
        var errors = ErrorsOf("""
            name: demo
            task:
              kind: maze_hops
              d0:
                min: 1
                max: 30
            eval:
              to: 40
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{file}:6:5: task.d0.max: must be at most 29 (got 30)",
            $"{file}:8:3: eval.to: must be at most 29 (got 40)",
        }));
    }

    [Test]
    public void ExplicitMazeDifficultiesMustFitTheMaze()
    {
        var errors = ErrorsOf("""
            name: demo
            task:
              kind: maze_hops
            self_improve:
              rounds: 2
              schedule:
                kind: explicit
                difficulties: ["12", "29,30"]
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{file}:8:26: self_improve.schedule.difficulties[1]: '29,30': a maze_hops difficulty must be 1..29",
        }));
    }

    [TestCase("multiplication", "{min: 1, max: 5}", "3x3", "'3x3' is not past D0 (1..5), so no round labels it; give a harder difficulty")]
    [TestCase("copy", "{min: 1, max: 10}", "10", "'10' is not past D0 (1..10), so no round labels it; give a harder difficulty")]
    [TestCase("maze_hops", "{min: 1, max: 9}", "40", "must be at most 29 (got 40)")]
    [TestCase("maze_nodes", "{min: 10, max: 30}", "5", "'5' is not past D0 (10..30), so no round labels it; give a harder difficulty")]
    public void StopTargetMustBeADifficultyARoundCanLabel(string kind, string d0, string target, string message)
    {
        var errors = ErrorsOf($$"""
            name: demo
            task: {kind: {{kind}}, d0: {{d0}}}
            self_improve:
              stop: {target: "{{target}}"}
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[] { $"{file}:4:10: self_improve.stop.target: {message}" }));
    }

    [Test]
    public void ContextMustHoldD0sLongestExample()
    {
        var errors = ErrorsOf("""
            name: demo
            task: {kind: copy, d0: {min: 1, max: 10}}
            model: {context: 22}
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[] { $"{file}:3:9: model.context: D0's longest example needs 23 tokens, more than model.context = 22" }));
    }

    [Test]
    public void AWindowWithNothingToEvaluateIsAnError()
    {
        // Copy of length 8 needs 1 + 9 + 8 + 1 = 19 tokens; the context holds 16.
        var errors = ErrorsOf("""
            name: demo
            task: {kind: copy, d0: {min: 1, max: 4}}
            model: {context: 16}
            eval: {from: 8, to: 9}
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[] { $"{file}:4:1: eval: evaluates nothing after round 0: no difficulty of the window is one copy has and model.context = 16 holds" }));
    }

    [Test]
    public void TargetCheckWaitsForAValidD0()
    {
        var errors = ErrorsOf("""
            name: demo
            task: {kind: copy, d0: {min: 10, max: 5}}
            self_improve: {stop: {target: "12"}}
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[] { $"{file}:2:34: task.d0.max: must be at least task.d0.min = 10 (got 5)" }));
    }

    [Test]
    public void MazeNodesNeedsMoreNodesThanHops()
    {
        var errors = ErrorsOf("""
            name: demo
            task:
              kind: maze_nodes
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[] { $"{file}:2:1: task.d0.min: must be at least 10 (got 1)" }));
        LoadOk("""
            name: demo
            task:
              kind: maze_nodes
              d0: {min: 10, max: 30}
            """);
    }
}
