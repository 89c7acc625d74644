using Clickcast.Export;

namespace Clickcast.Tests.Export;

public sealed class ExportScopeTests
{
    private static readonly ExportScope Scope = new("acme", "buy-7d", "run-1", "crm");

    [Fact]
    public void BatchId_SameInputs_IsTheSame32HexDigits()
    {
        var id = Scope.BatchId(500, 3);

        Assert.Equal(id, new ExportScope("acme", "buy-7d", "run-1", "crm").BatchId(500, 3));
        Assert.Matches("^[0-9a-f]{32}$", id);
    }

    [Fact]
    public void BatchId_IsAPureFunctionOfItsInputs_PinnedSoStoredIdsNeverChange()
    {
        // A changed derivation would make receivers treat resent batches as new: this value must never change.
        Assert.Equal("3084090063117e4c938d34a051777f1c", Scope.BatchId(500, 3));
    }

    [Fact]
    public void BatchId_AnyInputDiffers_Differs()
    {
        string[] ids =
        [
            Scope.BatchId(500, 3),
            Scope.BatchId(500, 4),
            Scope.BatchId(501, 3),
            (Scope with { Destination = "crm2" }).BatchId(500, 3),
            (Scope with { PredictionsFileId = "run-2" }).BatchId(500, 3),
            (Scope with { Task = "buy-30d" }).BatchId(500, 3),
            (Scope with { Tenant = "acme2" }).BatchId(500, 3),
        ];

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void FileKey_IsUnderTheTaskExportsFolder() =>
        Assert.Equal("tenants/acme/tasks/buy-7d/exports/crm/run-1.csv", Scope.FileKey(".csv"));
}
