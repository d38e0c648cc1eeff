#:project ../src/Core/Core.csproj
// Not AOT (the file-based default): Parquet.Net compiles its readers at run time.
#:property PublishAot=false
// Compares the accuracies two ledgers recorded for the same spec: every arm, seed, round, model and
// difficulty must be evaluated in both; round 0's accuracies must each be within the cell tolerance,
// and every round's mean accuracy (over its difficulties) within the mean tolerance. For
// tools/gpu-smoke.sh (a CUDA run against its CPU run), and by hand:
//
//     dotnet run tools/compare-ledgers.cs -- REFERENCE_LEDGER LEDGER [CELL_TOLERANCE [MEAN_TOLERANCE]]
//
// (defaults 0.4 and 0.2: above what five seeds of gpu-smoke's spec differ by on the CPU, docs/gpu.md). Exit 0 when all holds, 1 when not, 2 for bad arguments. A GPU's kernels
// round differently from the CPU's, so training drifts: after round 0 the model labels its own
// inputs and single accuracies wander as far as another seed's would, while their mean holds. A
// broken device path (a wrong decoder, an optimizer that stopped stepping) moves both.
using System.Globalization;
using Runner.Core.Ledger;

double[] tolerances = [0.4, 0.2];
for (int i = 2; i < args.Length; i++)
    if (i > 3 || !double.TryParse(args[i], NumberStyles.Float, CultureInfo.InvariantCulture, out tolerances[i - 2]))
        args = [];
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: dotnet run tools/compare-ledgers.cs -- REFERENCE_LEDGER LEDGER [CELL_TOLERANCE [MEAN_TOLERANCE]]");
    return 2;
}
var (cellTolerance, meanTolerance) = (tolerances[0], tolerances[1]);

var reference = await Accuracies(args[0]);
var other = await Accuracies(args[1]);
var problems = reference.Keys.Except(other.Keys).Select(k => $"only in {args[0]}: {k}")
    .Concat(other.Keys.Except(reference.Keys).Select(k => $"only in {args[1]}: {k}")).ToList();
var cells = reference.Keys.Intersect(other.Keys).ToList();
if (cells.Count == 0) problems.Add("no accuracy recorded in both ledgers");

var roundZero = cells.Where(c => c.Round == 0).Select(c => (Cell: c.ToString(), Delta: other[c] - reference[c])).ToList();
var means = cells.GroupBy(c => c with { Difficulty = "" })
    .Select(g => (Cell: g.Key.ToString(), Delta: g.Average(c => other[c]) - g.Average(c => reference[c]))).ToList();
problems.AddRange(roundZero.Where(c => Math.Abs(c.Delta) > cellTolerance).Select(c => Invariant($"round 0 accuracy beyond {cellTolerance}: {c.Cell}: {c.Delta:+0.000;-0.000}")));
problems.AddRange(means.Where(c => Math.Abs(c.Delta) > meanTolerance).Select(c => Invariant($"mean accuracy beyond {meanTolerance}: {c.Cell}: {c.Delta:+0.000;-0.000}")));

foreach (var problem in problems) Console.WriteLine(problem);
Console.WriteLine(Invariant($"{cells.Count} accuracies compared: round 0 within {Largest(roundZero)} (tolerance {cellTolerance}), ") +
    Invariant($"each round's mean within {Largest(means)} (tolerance {meanTolerance})"));
return problems.Count == 0 ? 0 : 1;

static string Largest(List<(string Cell, double Delta)> deltas) =>
    deltas.Count == 0 ? "-" : Math.Abs(deltas.MaxBy(d => Math.Abs(d.Delta)).Delta).ToString("0.000", CultureInfo.InvariantCulture);

// Accuracy per cell of the latest completed run of each spec, arm and seed (a rerun replaces an earlier run).
static async Task<Dictionary<Cell, double>> Accuracies(string ledger)
{
    if (!Directory.Exists(ledger)) throw new DirectoryNotFoundException($"no ledger folder {ledger}");
    var reader = new LedgerReader(ledger);
    var latest = (await reader.ReadAsync<RunRow>()).GroupBy(r => (r.SpecName, r.Arm, r.Seed))
        .Select(g => g.MaxBy(r => r.StartedUtc)!.RunId).ToHashSet();
    return (await reader.ReadAsync<EvaluationRow>()).Where(e => latest.Contains(e.RunId)).ToDictionary(
        e => new Cell(e.SpecName, e.Arm, e.Seed, e.Round, e.Member, LedgerDifficulty.Of(e.Difficulty, e.DifficultyB).ToString()),
        e => e.Accuracy);
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

/// <summary>One evaluated accuracy; with Difficulty "", a round's mean.</summary>
record Cell(string Spec, string Arm, int Seed, int Round, int Model, string Difficulty)
{
    public override string ToString() =>
        $"{Spec} {Arm} seed {Seed} round {Round} model {Model}{(Difficulty.Length > 0 ? $" difficulty {Difficulty}" : "")}";
}
