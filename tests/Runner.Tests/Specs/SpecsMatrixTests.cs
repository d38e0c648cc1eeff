using NUnit.Framework;
using Runner.Cli.Commands;

namespace Runner.Tests.Specs;

/// <summary>`runner specs matrix`: the CI jobs that run specs as shards, as the workflow's matrix reads them.</summary>
public class SpecsMatrixTests : SpecFileTests
{
    (int Code, string Output, string Errors) Matrix(IReadOnlyList<string> paths, int shards, params string[] overrides)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        int code = SpecsMatrixCommand.Execute(paths, shards, overrides, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    [Test]
    public void EachSpecGetsAtMostOneShardASeed_AndEveryShardIsAJob()
    {
        var three = Write("name: three\ntask: {kind: copy}\nseeds: [1, 2, 3]\n", "three.yaml");
        var one = Write("name: one\ntask: {kind: copy}\narms: [{name: a}, {name: b, seeds: [5]}]\n", "one.yaml");

        var (code, output, _) = Matrix([three, one], 2);

        Assert.That(code, Is.EqualTo(0));
        string id3 = SpecsMatrixCommand.Id(three), id1 = SpecsMatrixCommand.Id(one);
        Assert.That(output, Is.EqualTo((
            $"{{'specs':[{{'path':'{three}','name':'three','id':'{id3}','shards':2}},{{'path':'{one}','name':'one','id':'{id1}','shards':2}}]," +
            $"'runs':[{{'path':'{three}','name':'three','id':'{id3}','shard':'1/2'}},{{'path':'{three}','name':'three','id':'{id3}','shard':'2/2'}}," +
            $"{{'path':'{one}','name':'one','id':'{id1}','shard':'1/2'}},{{'path':'{one}','name':'one','id':'{id1}','shard':'2/2'}}]}}").Replace('\'', '"') + "\n"),
            "arm b's own seed makes two seeds in all");
        Assert.That(Matrix([three], 5, "seeds=[4]").Output, Does.Contain("\"shards\":1"), "--set counts too");
        Assert.That(Matrix([], 3).Output, Is.EqualTo("{\"specs\":[],\"runs\":[]}\n"), "no spec changed: no jobs");
    }

    [TestCase("specs/cpu/copy.yaml", "specs-cpu-copy")]
    [TestCase("./specs/paper/reverse_addition.yml", "specs-paper-reverse_addition")]
    [TestCase("specs/a--b/my spec.v2.yaml", "specs-a-b-my-spec.v2")]
    public void AnIdIsThePathAsAName_NeverWithTwoDashesInARow(string path, string id) =>
        Assert.That(SpecsMatrixCommand.Id(path), Is.EqualTo(id));

    [Test]
    public void AnInvalidSpecOrShardCountFailsWithTheUsualErrors()
    {
        var bad = Write("name: bad\ntask: {kind: copy}\nmodel: {layers: 0}\n", "bad.yaml");

        var (code, output, errors) = Matrix([bad], 2);
        Assert.That((code, output), Is.EqualTo((2, "")));
        Assert.That(errors.Trim(), Is.EqualTo($"{bad}:3:9: model.layers: must be at least 1 (got 0)"));
        Assert.That(Matrix([bad], 0).Errors.Trim(), Is.EqualTo("runner: error: --shards must be 1 or more (got 0)"));
    }
}
