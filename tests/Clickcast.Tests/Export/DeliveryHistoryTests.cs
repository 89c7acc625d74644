using Clickcast.Export;
using Clickcast.Storage;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Export;

/// <summary>The delivery history keeps each export's summary between calls: it reads the exports that changed, and answers as the full ledger does.</summary>
public sealed class DeliveryHistoryTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly ReadCountingObjectStore _store;
    private readonly ObjectStoreDeliveryLedger _ledger;
    private readonly DeliveryHistory _history;

    public DeliveryHistoryTests()
    {
        _store = new ReadCountingObjectStore(new LocalObjectStore(_folder.Path));
        _ledger = new ObjectStoreDeliveryLedger(_store);
        _history = new DeliveryHistory(_store);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ListAsync_AfterBatchesAddedAndChanged_EqualsAFullReadOfTheLedger()
    {
        var ct = TestContext.Current.CancellationToken;
        await SaveExportAsync(Scope("run-1", "crm"), 3, At, ct);
        await SaveExportAsync(Scope("run-2", "crm"), 2, At.AddDays(1), ct);
        Assert.Equal(await new DeliveryHistory(_store).ListAsync("acme", "buy", ct), await _history.ListAsync("acme", "buy", ct));

        await SaveExportAsync(Scope("run-3", "crm"), 2, At.AddDays(2), ct);
        await _ledger.SaveAsync(Scope("run-2", "crm"), Batch(Scope("run-2", "crm"), 1, At.AddDays(2).AddHours(-1), DeliveryStatus.Failed) with { LastError = "503" }, ct);
        await _ledger.SaveAsync(Scope("run-1", "crm"), Batch(Scope("run-1", "crm"), 3, At.AddDays(3)), ct);
        var exports = await _history.ListAsync("acme", "buy", ct);

        Assert.Equal(await new DeliveryHistory(_store).ListAsync("acme", "buy", ct), exports);
        Assert.Equal(["run-1", "run-3", "run-2"], exports.Select(e => e.PredictionsFileId));
        Assert.Equal([4, 2, 2], exports.Select(e => e.Batches));
    }

    [Fact]
    public async Task ListAsync_SecondCall_ReadsOnlyTheExportThatChanged()
    {
        var ct = TestContext.Current.CancellationToken;
        await SaveExportAsync(Scope("run-1", "crm"), 3, At, ct);
        await SaveExportAsync(Scope("run-2", "crm"), 3, At.AddDays(1), ct);
        await _history.ListAsync("acme", "buy", ct);
        await _ledger.SaveAsync(Scope("run-2", "crm"), Batch(Scope("run-2", "crm"), 0, At.AddDays(2)) with { Attempts = 12 }, ct);
        _store.Reset();

        var exports = await _history.ListAsync("acme", "buy", ct);

        Assert.Equal(3, _store.Reads);
        Assert.Equal(14, exports.Single(e => e.PredictionsFileId == "run-2").Attempts);
    }

    [Fact]
    public async Task ListAsync_BatchFailedAfterAnEarlierCall_ShowsTheExportFailedNotDelivered()
    {
        var ct = TestContext.Current.CancellationToken;
        var scope = Scope("run-1", "crm");
        await SaveExportAsync(scope, 2, At, ct);
        Assert.Equal(DeliveryStatus.Delivered, Assert.Single(await _history.ListAsync("acme", "buy", ct)).Status);

        await _ledger.SaveAsync(scope, Batch(scope, 1, At.AddHours(1), DeliveryStatus.Failed) with { LastError = "503" }, ct);
        var export = Assert.Single(await _history.ListAsync("acme", "buy", ct));

        Assert.Equal((DeliveryStatus.Failed, "503"), (export.Status, export.LastError));
    }

    private static ExportScope Scope(string file, string destination) => new("acme", "buy", file, destination);

    private static BatchDelivery Batch(ExportScope scope, int index, DateTimeOffset at, DeliveryStatus status = DeliveryStatus.Delivered) =>
        new(index, scope.BatchId(2, index), index * 2L, 2, 2, "sha", status, 1, at, status == DeliveryStatus.Delivered ? at : null);

    private async Task SaveExportAsync(ExportScope scope, int batches, DateTimeOffset at, CancellationToken ct)
    {
        for (var i = 0; i < batches; i++)
        {
            await _ledger.SaveAsync(scope, Batch(scope, i, at), ct);
        }
    }
}
