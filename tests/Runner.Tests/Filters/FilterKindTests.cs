using NUnit.Framework;
using Runner.Core.Filters;
using Runner.Core.Labelling;
using Runner.Core.Plans;
using Runner.Core.Specs;
using Runner.Core.Tasks;
using Runner.Engine.Native;
using Runner.Engine.Runs;

namespace Runner.Tests.Filters;

/// <summary>
/// A filter kind of one's own, declared in this file alone: the validator, the loop and the
/// plan take it from <see cref="SpecKinds.With(FilterKind)"/> without a line changed elsewhere.
/// </summary>
public class FilterKindTests
{
    /// <summary>{kind: palindrome_free, k}: keeps labels that do not read the same backwards, once they are k tokens or longer.</summary>
    sealed class PalindromeFreeKind : FilterKind
    {
        public override string Name => "palindrome_free";
        public override IReadOnlyList<string> Keys => ["k"];

        public override void Validate(FilterSpec filter, string path, SpecChecks checks, SpecContext context) =>
            checks.AtLeast(filter.K, 2, $"{path}.k");

        public override ILabelFilter Create(FilterSpec filter, ITask task) => new PalindromeFree(filter.K);

        sealed class PalindromeFree(int k) : ILabelFilter
        {
            public string Name => $"palindrome_free(k={k})";

            public IReadOnlyList<Label> Keep(IReadOnlyList<Label> labels) =>
                labels.Where(l => l.Output.Length < k || !l.Output.SequenceEqual(l.Output.Reverse())).ToList();
        }
    }

    static readonly SpecKinds Kinds = SpecKinds.Builtin.With(new PalindromeFreeKind());

    const string Yaml = """
        name: own-filter
        task: {kind: reverse, d0: {min: 1, max: 3}}
        model: {layers: 1, heads: 2, d_model: 16, ffn: 32, context: 32}
        training: {batch: 8, round0: {warmup: 0, stable: 12, decay: 0}, rounds: {warmup: 0, stable: 4, decay: 0}}
        self_improve:
          rounds: 2
          labels_per_round: 16
          decode_batch: 8
          filters:
            - {kind: length, rule: expected}
            - {kind: palindrome_free, k: 3}
        eval: {examples: 8, above: 1}
        device: cpu
        """;

    static IReadOnlyList<string> Errors(string yaml, SpecKinds kinds)
    {
        SpecLoader.TryParse(yaml, "own.yaml", [], kinds, out _, out var errors);
        return errors.Select(e => e.ToString()).ToList();
    }

    [Test]
    public void TheValidatorTakesTheKindsKeysAndChecksFromItsDeclaration()
    {
        Assert.That(Errors(Yaml, Kinds), Is.Empty);
        Assert.That(Errors(Yaml.Replace("k: 3", "k: 1"), Kinds),
            Is.EqualTo(new[] { "own.yaml:11:31: self_improve.filters[1].k: must be at least 2 (got 1)" }));
        Assert.That(Errors(Yaml.Replace("k: 3", "k: 3, threshold: 0.5"), Kinds),
            Is.EqualTo(new[] { "own.yaml:11:37: self_improve.filters[1].threshold: does not apply to kind 'palindrome_free' (it takes k)" }));
        Assert.That(Errors(Yaml, SpecKinds.Builtin),
            Is.EqualTo(new[] { "own.yaml:11:8: self_improve.filters[1].kind: unknown value 'palindrome_free' (expected one of: length, majority, confidence, oracle, ended)" }),
            "the built-in kinds do not know it");
    }

    [Test]
    public void ARunFiltersWithTheKindAndTheLedgerNamesIt()
    {
        string dir = Directory.CreateTempSubdirectory("runner-own-filter-").FullName;
        try
        {
            string path = Path.Combine(dir, "own.yaml");
            File.WriteAllText(path, Yaml);
            SpecLoader.TryParse(Yaml, path, [], Kinds, out var spec, out _);
            var settings = new RunSettings(Path.Combine(dir, "ledger"), Path.Combine(dir, "runs"), RequireClean: false);

            var result = new SpecRunner(settings, RunEnvironment.Create("cpu", threads: 1), Kinds)
                .RunAll(spec!, Shard.All, SpecRunner.Provenance(path, settings), NoLoopObserver.Instance).Single();

            Assert.That(RunForecast.For(result.Plan, Kinds).Filters, Is.EqualTo("length(expected) > palindrome_free(k=3)"));
            var labels = result.Rounds.SelectMany(r => r.Labels).ToList();
            Assert.That(labels, Has.Count.EqualTo(2 * 16));
            Assert.That(labels.Where(l => l.Kept).Select(l => l.Label.Output),
                Has.None.Matches<string>(o => o.Length >= 3 && o.SequenceEqual(o.Reverse())), "no kept label is a palindrome of 3 or more");
            var row = new Runner.Core.Ledger.LedgerReader(settings.LedgerRoot).ReadAsync<Runner.Core.Ledger.RunRow>("own-filter").GetAwaiter().GetResult().Single();
            Assert.That(row.Filters, Is.EqualTo("length(expected) > palindrome_free(k=3)"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
