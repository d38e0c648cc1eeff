using NUnit.Framework;
using Runner.Core.Ledger;

namespace Runner.Tests.Ledger;

public class LedgerAtomicityTests
{
    string _dir = "";
    string Root => Path.Combine(_dir, "ledger");

    [SetUp] public void SetUp() => _dir = Directory.CreateTempSubdirectory("runner-ledger-").FullName;
    [TearDown] public void TearDown() => Directory.Delete(_dir, recursive: true);

    static string[] AllFiles(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToArray()!;

    [Test]
    public async Task WriteLeavesOnlyTheFinalFile()
    {
        await new LedgerWriter(Root).WriteAsync([LedgerSamples.Run("add", "run1")], "run");

        Assert.That(AllFiles(Root), Is.EqualTo(new[] { "part-run1-run.parquet" }));
    }

    [Test]
    public async Task RefusesToOverwriteAndKeepsTheOriginal()
    {
        var writer = new LedgerWriter(Root);
        string path = await writer.WriteAsync([LedgerSamples.Round("add", "run1", 1)], "r001");
        byte[] before = File.ReadAllBytes(path);

        var e = Assert.ThrowsAsync<LedgerException>(() => writer.WriteAsync([LedgerSamples.Round("add", "run1", 9)], "r001"));

        Assert.That(e!.Message, Does.Contain(path));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
        Assert.That(AllFiles(Root), Is.EqualTo(new[] { "part-run1-r001.parquet" }));
    }

    [Test]
    public async Task TempFilesOfACrashedWriteAreIgnored()
    {
        string path = await new LedgerWriter(Root).WriteAsync([LedgerSamples.Round("add", "run1", 1)], "r001");
        string folder = Path.GetDirectoryName(path)!;
        // What a crash mid-write leaves behind: a partial hidden temp file (and a hidden .parquet for good measure).
        File.WriteAllBytes(Path.Combine(folder, ".part-run1-r002.0badc0de.tmp"), [0x50, 0x41, 0x52]);
        File.WriteAllBytes(Path.Combine(folder, ".part-run1-r003.parquet"), [0x50, 0x41, 0x52]);

        var reader = new LedgerReader(Root);
        Assert.That(reader.Files<RoundRow>(), Is.EqualTo(new[] { path }));
        Assert.That((await reader.ReadAsync<RoundRow>()).Single().Round, Is.EqualTo(1));
    }

    [Test]
    public async Task TruncatedFileRaisesLedgerExceptionNamingIt()
    {
        var writer = new LedgerWriter(Root);
        await writer.WriteAsync([LedgerSamples.Label("add", "run1", 1, 0)], "r001");
        string path = await writer.WriteAsync(
            Enumerable.Range(0, 20).Select(i => LedgerSamples.Label("add", "run1", 2, i)).ToArray(), "r002");
        using (var stream = new FileStream(path, FileMode.Open))
            stream.SetLength(stream.Length / 2);

        var e = Assert.ThrowsAsync<LedgerException>(() => new LedgerReader(Root).ReadAsync<LabelRow>());

        Assert.That(e!.Message, Does.Contain(path));
        Assert.That(e.InnerException, Is.Not.Null);
    }
}
