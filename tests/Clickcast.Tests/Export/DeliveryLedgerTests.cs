using Clickcast.Export;
using Clickcast.Storage;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Export;

public sealed class DeliveryLedgerTests : IDisposable
{
    private static readonly ExportScope Scope = new("acme", "buy-7d", "run-1", "crm");
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly LocalObjectStore _store;
    private readonly ObjectStoreDeliveryLedger _ledger;

    public DeliveryLedgerTests()
    {
        _store = new LocalObjectStore(_folder.Path);
        _ledger = new ObjectStoreDeliveryLedger(_store);
    }

    public void Dispose() => _folder.Dispose();

    private static BatchDelivery Batch(int index, DeliveryStatus status = DeliveryStatus.Delivered) =>
        new(index, Scope.BatchId(2, index), index * 2L, 2, 2, "sha", status, 1, At, status == DeliveryStatus.Delivered ? At : null);

    [Fact]
    public async Task SaveAsync_ThenListAsync_ReturnsRecordsInIndexOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        await _ledger.SaveAsync(Scope, Batch(10), ct);
        await _ledger.SaveAsync(Scope, Batch(2, DeliveryStatus.Failed) with { LastError = "503" }, ct);
        await _ledger.SaveAsync(Scope, Batch(0), ct);

        var records = await _ledger.ListAsync(Scope, ct);

        Assert.Equal([0, 2, 10], records.Select(r => r.Index));
        Assert.Equal(Batch(2, DeliveryStatus.Failed) with { LastError = "503" }, records[1]);
    }

    [Fact]
    public async Task SaveAsync_SameIndex_ReplacesTheRecord()
    {
        var ct = TestContext.Current.CancellationToken;
        await _ledger.SaveAsync(Scope, Batch(0, DeliveryStatus.Sending), ct);
        await _ledger.SaveAsync(Scope, Batch(0), ct);

        Assert.Equal(DeliveryStatus.Delivered, Assert.Single(await _ledger.ListAsync(Scope, ct)).Status);
    }

    [Fact]
    public async Task SaveAsync_WritesOneObjectPerBatchUnderTheTaskLedger()
    {
        var ct = TestContext.Current.CancellationToken;
        await _ledger.SaveAsync(Scope, Batch(1), ct);

        var item = Assert.Single(await _store.ListAsync("tenants/", cancellationToken: ct).ToListAsync(ct));
        Assert.Equal("tenants/acme/tasks/buy-7d/_ledger/exports/crm/run-1/000001.json", item.Key);
    }

    [Fact]
    public async Task ListAsync_OtherDestinationOrFile_SeesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await _ledger.SaveAsync(Scope, Batch(0), ct);

        Assert.Empty(await _ledger.ListAsync(Scope with { Destination = "crm2" }, ct));
        Assert.Empty(await _ledger.ListAsync(Scope with { PredictionsFileId = "run-10" }, ct));
    }
}
