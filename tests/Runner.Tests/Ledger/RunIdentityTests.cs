using NUnit.Framework;
using Runner.Core.Ledger;

namespace Runner.Tests.Ledger;

public class RunIdentityTests
{
    [Test]
    public void FormatsUtcTimeArmSeedAndShortSha()
    {
        var started = new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc);

        Assert.That(RunIdentity.Create(started, "no_filter", 41, LedgerSamples.Sha), Is.EqualTo("20250304-050607-no_filter-s41-0123456"));
        Assert.That(RunIdentity.Create(started, "a b/c", 7, "unknown"), Is.EqualTo("20250304-050607-a_b_c-s7-unknown"));
        Assert.Throws<ArgumentException>(() => RunIdentity.Create(DateTime.Now, "main", 1, "abc"));
    }
}
