using NUnit.Framework;
using Runner.Engine.Native;
using TorchSharp;

namespace Runner.Tests.Native;

/// <summary>TorchSharp 0.107 must load on Debian 12 without anyone patching it by hand.</summary>
public class GlibcxxCompatTests
{
    const ushort Weak = 0x2;

    static string ShippedLibrary() =>
        GlibcxxCompat.FindLibTorchSharp(AppContext.BaseDirectory).FirstOrDefault()
        ?? throw new AssertionException($"no libLibTorchSharp.so under {AppContext.BaseDirectory}");

    [Test]
    public void TheCopyNextToTheAppIsPatchedAtStartUp()
    {
        GlibcxxCompat.FindLibTorchSharp(AppContext.BaseDirectory).ToList(); // touches the module: its initializer has run
        Assert.That(GlibcxxCompat.VersionNeedFlags(ShippedLibrary(), GlibcxxCompat.MissingVersion) & Weak, Is.EqualTo(Weak));
    }

    [Test]
    public void TorchLoadsAndComputes()
    {
        using var sum = torch.ones(3).sum();
        Assert.That(sum.item<float>(), Is.EqualTo(3f));
    }

    [Test]
    public void PatchSetsOnlyTheWeakFlagAndIsIdempotent()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"libLibTorchSharp-{Guid.NewGuid():N}.so");
        File.Copy(ShippedLibrary(), copy);
        try
        {
            Assert.That(GlibcxxCompat.SetVersionNeedFlags(copy, GlibcxxCompat.MissingVersion, 0), Is.True, "the original's flags");
            Assert.That(GlibcxxCompat.VersionNeedFlags(copy, GlibcxxCompat.MissingVersion), Is.EqualTo((ushort)0));

            Assert.That(GlibcxxCompat.MakeVersionNeedWeak(copy, GlibcxxCompat.MissingVersion), Is.True);
            Assert.That(GlibcxxCompat.VersionNeedFlags(copy, GlibcxxCompat.MissingVersion), Is.EqualTo(Weak));
            Assert.That(GlibcxxCompat.MakeVersionNeedWeak(copy, GlibcxxCompat.MissingVersion), Is.False, "second patch changes nothing");

            var original = File.ReadAllBytes(ShippedLibrary());
            var patched = File.ReadAllBytes(copy);
            Assert.That(patched.Length, Is.EqualTo(original.Length));
            Assert.That(Enumerable.Range(0, original.Length).Count(i => original[i] != patched[i]), Is.EqualTo(0),
                "the patched copy equals the start-up-patched library byte for byte");
        }
        finally { File.Delete(copy); }
    }

    [Test]
    public void FilesWithoutTheVersionNeedAreLeftAlone()
    {
        var notElf = Path.GetTempFileName();
        File.WriteAllText(notElf, "not an ELF file");
        try
        {
            Assert.That(GlibcxxCompat.VersionNeedFlags(notElf, GlibcxxCompat.MissingVersion), Is.Null);
            Assert.That(GlibcxxCompat.MakeVersionNeedWeak(notElf, GlibcxxCompat.MissingVersion), Is.False);
            Assert.That(File.ReadAllText(notElf), Is.EqualTo("not an ELF file"));
            Assert.That(GlibcxxCompat.VersionNeedFlags(ShippedLibrary(), "GLIBCXX_9.9.99"), Is.Null);
        }
        finally { File.Delete(notElf); }
    }
}
