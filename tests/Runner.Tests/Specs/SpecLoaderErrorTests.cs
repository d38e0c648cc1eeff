using NUnit.Framework;
using Runner.Core.Specs;

namespace Runner.Tests.Specs;

public class SpecLoaderErrorTests : SpecFileTests
{
    [Test]
    public void UnknownKey_SuggestsTheNearestValidKey()
    {
        var errors = ErrorsOf("""
            name: demo
            task:
              kind: copy
            model:
              layrs: 3
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[] { $"{file}:5:3: model.layrs: unknown key (did you mean 'layers'?)" }));
    }

    [Test]
    public void UnknownKey_FarFromEveryKey_ListsTheValidKeys()
    {
        var errors = ErrorsOf("""
            name: demo
            task:
              kind: copy
            model:
              banana: 3
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{file}:5:3: model.banana: unknown key (expected one of: layers, heads, d_model, ffn, positional_encoding, context, pretrained)",
        }));
    }

    [Test]
    public void WrongType_SaysWhatWasExpectedAndWhatWasGiven()
    {
        var errors = ErrorsOf("""
            name: demo
            task:
              kind: copy
            training:
              batch: lots
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[] { $"{file}:5:3: training.batch: expected an integer (got 'lots')" }));
    }

    [Test]
    public void MappingGivenAScalar_IsReported()
    {
        var errors = ErrorsOf("""
            name: demo
            task:
              kind: copy
            model: 3
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[] { $"{file}:4:1: model: expected a mapping (got '3')" }));
    }

    [Test]
    public void ZeroLayers_IsOutOfRange()
    {
        var errors = ErrorsOf("""
            name: demo
            task:
              kind: copy
            model:
              heads: 4
              layers: 0
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[] { $"{file}:6:3: model.layers: must be at least 1 (got 0)" }));
    }

    [Test]
    public void HeadsThatDoNotDivideDModel_AreReportedAtHeads()
    {
        var errors = ErrorsOf("""
            name: demo
            task:
              kind: copy
            model:
              heads: 5
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[] { $"{file}:5:3: model.heads: heads must divide d_model (384 % 5 = 4)" }));
    }

    [Test]
    public void SeveralErrors_AreAllReported_InFileOrder()
    {
        var errors = ErrorsOf("""
            name: Demo!
            task:
              kind: revers
            model:
              layers: 0
              heads: many
            training:
              adamw:
                beta2: 1.0
            self_improve:
              filters:
                - kind: length
                  rule: batchy
                  k: 0
            seeds: [1, 1]
            device: metal
            numerics: exact
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{file}:1:1: name: must match [a-z0-9_.-]+ (got 'Demo!')",
            $"{file}:3:3: task.kind: unknown value 'revers' (did you mean 'reverse'?)",
            $"{file}:5:3: model.layers: must be at least 1 (got 0)",
            $"{file}:6:3: model.heads: expected an integer (got 'many')",
            $"{file}:9:5: training.adamw.beta2: must be at least 0 and less than 1 (got 1)",
            $"{file}:13:7: self_improve.filters[0].rule: unknown value 'batchy' (did you mean 'batch'?)",
            $"{file}:14:7: self_improve.filters[0].k: must be at least 1 (got 0)",
            $"{file}:15:12: seeds[1]: duplicate seed 1 (also seeds[0])",
            $"{file}:16:1: device: unknown value 'metal' (expected one of: auto, cpu, cuda)",
            $"{file}:17:1: numerics: unknown value 'exact' (expected one of: portable, fast)",
        }));
    }

    [Test]
    public void DefaultedKey_IsReportedAtItsNearestWrittenAncestor()
    {
        // round0's steps are all written as 0, so "at least one step" points at round0 itself;
        // task.kind is not written at all, so it points at task.
        var errors = ErrorsOf("""
            name: demo
            task:
              d0:
                max: 5
            training:
              round0:
                warmup: 0
                stable: 0
                decay: 0
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{file}:2:1: task.kind: required (expected one of: reverse_addition, copy, reverse, forward_addition, multiplication, maze_hops, maze_nodes)",
            $"{file}:6:3: training.round0: must have at least 1 step (warmup + stable + decay + floor = 0)",
        }));
    }

    [Test]
    public void BadYamlSyntax_IsOneErrorAtTheSyntaxError()
    {
        var errors = ErrorsOf("""
            name: demo
            task:
              kind: copy
            seeds: [1, 2
            device: cpu
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[] { $"{file}:5:1: (yaml): invalid YAML (an unclosed bracket or quote?)" }));
    }

    [Test]
    public void BadIndentation_IsOneErrorAtTheSyntaxError()
    {
        var errors = ErrorsOf("""
            name: demo
            task:
              kind: copy
               d0: 3
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[] { $"{file}:4:6: (yaml): while scanning a plain scalar value, found invalid mapping" }));
    }

    [Test]
    public void DuplicateKey_IsASyntaxErrorAtTheDuplicate()
    {
        var errors = ErrorsOf("""
            name: demo
            task:
              kind: copy
            name: again
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[] { $"{file}:4:1: (yaml): duplicate key name" }));
    }

    [Test]
    public void EmptyFile_AsksForWhatHasNoDefault()
    {
        var errors = ErrorsOf("", out var file);

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{file}:1:1: name: required",
            $"{file}:1:1: task.kind: required (expected one of: reverse_addition, copy, reverse, forward_addition, multiplication, maze_hops, maze_nodes)",
        }));
    }

    [Test]
    public void MissingFile_IsOneClearError()
    {
        var path = PathOf("nowhere.yaml");

        var ok = SpecLoader.TryLoad(path, out var spec, out var errors);

        Assert.That(ok, Is.False);
        Assert.That(spec, Is.Null);
        Assert.That(errors.Select(e => e.ToString()), Is.EqualTo(new[] { $"{path}:1:1: (file): file not found" }));
    }

    [Test]
    public void Load_ThrowsSpecException_CarryingEveryError()
    {
        var path = Write("""
            name: demo
            task:
              kind: copy
            model:
              layers: 0
              ffn: 0
            """);

        var e = Assert.Throws<SpecException>(() => SpecLoader.Load(path))!;

        Assert.That(e.Errors, Has.Count.EqualTo(2));
        Assert.That(e.Message, Is.EqualTo(
            $"{path}:5:3: model.layers: must be at least 1 (got 0)\n{path}:6:3: model.ffn: must be at least 1 (got 0)"));
    }

    [Test]
    public void AliasThatContainsItselfIsAnErrorNotAStackOverflow()
    {
        var errors = ErrorsOf("name: demo\ndescription: &a [*a]\n", out var file);

        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.StartWith($"{file}:2:").And.EndWith("(yaml): nested more than 64 levels deep (an alias that contains itself?)"));
    }

    [Test]
    public void DeepNestingIsAnError()
    {
        var errors = ErrorsOf("description: " + new string('[', 20_000) + new string(']', 20_000) + "\n", out var file);

        Assert.That(errors, Is.EqualTo(new[] { $"{file}:1:77: (yaml): nested more than 64 levels deep" }));
    }

    [Test]
    public void AliasesThatMultiplyAreAnError()
    {
        // Nine levels of ten aliases each would be 10^9 values.
        var lines = new List<string> { "l0: &l0 [x, x, x, x, x, x, x, x, x, x]" };
        for (int i = 1; i <= 8; i++) lines.Add($"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]");
        lines.Add("description: *l8");

        var errors = ErrorsOf(string.Join("\n", lines) + "\n", out _);

        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.EndWith("(yaml): more than 100,000 values (aliases that expand without end?)"));
    }

    [Test]
    public void SizesFarBeyondAnyExperimentAreErrors()
    {
        var errors = ErrorsOf("""
            name: demo
            task: {kind: copy}
            training:
              round0: {warmup: 2147483647, stable: 2147483647, decay: 3}
              rounds: {peak_lr: 5}
            self_improve:
              rounds: 2000000000
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{file}:4:12: training.round0.warmup: must be at most 10000000 (got 2147483647)",
            $"{file}:4:32: training.round0.stable: must be at most 10000000 (got 2147483647)",
            $"{file}:5:12: training.rounds.peak_lr: must be greater than 0 and at most 1 (got 5)",
            $"{file}:7:3: self_improve.rounds: must be at most 10000 (got 2000000000)",
        }));
    }

    [Test]
    public void AnErrorIsOneLineEvenForTextWithLineBreaks()
    {
        var errors = ErrorsOf("name: \"a\\nb\"\ntask: {kind: copy}\n\"x\\ny\": 1\n", out var file);

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{file}:1:1: name: must match [a-z0-9_.-]+ (got 'a\\nb')",
            $"{file}:3:1: x\\ny: unknown key (expected one of: name, description, task, model, training, self_improve, eval, seeds, device, numerics, tf32)",
        }));
    }

    [Test]
    public void FilterKeysThatTheKindDoesNotReadAreErrors()
    {
        var errors = ErrorsOf("""
            name: demo
            task: {kind: copy}
            self_improve:
              filters:
                - {kind: oracle, models: 3}
                - {kind: length, rule: expected, k: 2}
                - {kind: confidence, threshold: 0.9, models: 2}
                - {kind: confidence, threshold: 1.5}
            """, out var file);

        Assert.That(errors, Is.EqualTo(new[]
        {
            $"{file}:5:22: self_improve.filters[0].models: does not apply to kind 'oracle', which takes no other key",
            $"{file}:6:38: self_improve.filters[1].k: 'k' is for rule 'batch'; rule 'expected' has no k",
            $"{file}:7:42: self_improve.filters[2].models: does not apply to kind 'confidence' (it takes threshold)",
            $"{file}:8:26: self_improve.filters[3].threshold: must be greater than 0 and at most 1 (got 1.5)",
        }));
    }

    [Test]
    public void ATabUsedAsIndentationIsReportedOnItsLine()
    {
        var errors = ErrorsOf("name: x\ntask:\n\tkind: copy\n", out var file);

        Assert.That(errors, Is.EqualTo(new[] { $"{file}:3:1: (yaml): while scanning a mapping, found invalid tab as indentation" }));
    }

    [Test]
    public void AnAliasWithoutItsAnchorIsReportedAtTheAlias()
    {
        var errors = ErrorsOf("name: x\ntask:\n  kind: copy\n  d0: *nope\n", out var file);

        Assert.That(errors, Is.EqualTo(new[] { $"{file}:4:7: (yaml): no anchor &nope for the alias *nope" }));
    }
}
