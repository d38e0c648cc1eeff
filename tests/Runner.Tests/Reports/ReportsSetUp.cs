using NUnit.Framework;

namespace Runner.Tests.Reports;

[SetUpFixture]
public class ReportsSetUp
{
    /// <summary>The tiny run is made on first use and shared; its folder goes when the report tests are done.</summary>
    [OneTimeTearDown]
    public void RemoveTinyRun()
    {
        if (TinyReportState.Created is { } dir && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}

static class TinyReportState
{
    public static string? Created;
}
