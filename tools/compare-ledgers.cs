#:project ../src/Core/Core.csproj
// Not AOT (the file-based default): Parquet.Net compiles its readers at run time.
#:property PublishAot=false
// Compares the accuracies two ledgers recorded for the same spec, cell by cell: the same arm, seed,
// round, difficulty and model must be evaluated in both, within a tolerance. For tools/gpu-smoke.sh
// (a CUDA run against its CPU run), and by hand:
//
//     dotnet run tools/compare-ledgers.cs -- REFERENCE_LEDGER LEDGER [TOLERANCE]   (default 0.25)
//
// Exit 0 when every accuracy is within the tolerance, 1 when one is not or a cell is missing on a
// side, 2 for bad arguments. A GPU's kernels do not round as the CPU's do, so the numbers differ a
// little and training drifts; a broken device path (a wrong decoder, an optimizer that stopped
// stepping after a resume) collapses them instead.
using System.Globalization;
using Runner.Core.Ledger;

if (args.Length is < 2 or > 3 || (args.Length == 3 && !double.TryParse(args[2], NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
{
    Console.Error.WriteLine("usage: dotnet run tools/compare-ledgers.cs -- REFERENCE_LEDGER LEDGER [TOLERANCE]");
    return 2;
}
double tolerance = args.Length == 3 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0.25;

var reference = await Accuracies(args[0]);
var other = await Accuracies(args[1]);
var missing = reference.Keys.Except(other.Keys).Select(k => $"only in {args[0]}: {k}")
    .Concat(other.Keys.Except(reference.Keys).Select(k => $"only in {args[1]}: {k}")).ToList();
var cells = reference.Keys.Intersect(other.Keys).Select(k => (Cell: k, Delta: other[k] - reference[k])).ToList();
var beyond = cells.Where(c => Math.Abs(c.Delta) > tolerance).ToList();

foreach (var line in missing) Console.WriteLine(line);
foreach (var (cell, delta) in beyond) Console.WriteLine(Invariant($"beyond {tolerance}: {cell}: {reference[cell]:0.000} -> {other[cell]:0.000} ({delta:+0.000;-0.000})"));
if (cells.Count == 0)
{
    Console.WriteLine("no accuracy recorded in both ledgers");
    return 1;
}
var worst = cells.MaxBy(c => Math.Abs(c.Delta));
Console.WriteLine(Invariant($"{cells.Count} accuracies compared: mean |difference| {cells.Average(c => Math.Abs(c.Delta)):0.000}, largest {Math.Abs(worst.Delta):0.000} ({worst.Cell}), tolerance {tolerance}"));
return missing.Count == 0 && beyond.Count == 0 ? 0 : 1;

// Accuracy per cell of the latest run of each spec, arm and seed (a rerun replaces an earlier run).
static async Task<Dictionary<string, double>> Accuracies(string ledger)
{
    if (!Directory.Exists(ledger)) throw new DirectoryNotFoundException($"no ledger folder {ledger}");
    var reader = new LedgerReader(ledger);
    var latest = (await reader.ReadAsync<RunRow>()).GroupBy(r => (r.SpecName, r.Arm, r.Seed))
        .Select(g => g.MaxBy(r => r.StartedUtc)!.RunId).ToHashSet();
    return (await reader.ReadAsync<EvaluationRow>()).Where(e => latest.Contains(e.RunId)).ToDictionary(
        e => $"{e.SpecName} {e.Arm} seed {e.Seed} round {e.Round} difficulty {LedgerDifficulty.Of(e.Difficulty, e.DifficultyB)} model {e.Member}",
        e => e.Accuracy);
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
