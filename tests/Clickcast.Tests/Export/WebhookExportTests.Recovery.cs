using Clickcast.Export;
using Clickcast.Storage;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Export;

/// <summary>Webhook delivery when the endpoint fails, the process stops, or the ledger is lost.</summary>
public sealed partial class WebhookExportTests
{
    [Theory]
    [InlineData(FakeCdpFailure.ServiceUnavailable)]
    [InlineData(FakeCdpFailure.DropConnection)]
    public async Task ExportAsync_EndpointFailsTransientlyThenRecovers_DeliversEachBatchOnce(FakeCdpFailure failure)
    {
        var (key, rows) = await PredictionsAsync(5);
        _cdp.FailNext(3, failure);

        var report = await ExportAsync(key, Webhook());

        Assert.True(report.Succeeded);
        Assert.Equal(3, Assert.Single(report.Destinations).DeliveredNow);
        Assert.Equal(3 + 3, _cdp.Requests.Count);
        AssertEachBatchReceivedOnce(3);
        Assert.Equal(rows.Select(r => r.ClientId), ReceivedClients());
        var ledger = await _services.Ledger.ListAsync(Scope(), Ct);
        Assert.All(ledger, batch => Assert.Equal((DeliveryStatus.Delivered, 1), (batch.Status, batch.Attempts)));
    }

    [Fact]
    public async Task ExportAsync_EndpointHangsOnce_AttemptTimesOutAndTheRetryDelivers()
    {
        using var services = new ExportServices(options => options.Http.AttemptTimeout = TimeSpan.FromMilliseconds(250));
        var rows = Predictions.Make(Tenant, TaskId, 3);
        var key = await Predictions.WriteAsync(services.Store, Tenant, TaskId, "run-1", rows);
        _cdp.FailNext(1, FakeCdpFailure.Hang);

        var report = await services.Exporter.ExportAsync(Tenant, TaskId, key, [Webhook()], Ct);

        Assert.True(report.Succeeded);
        Assert.Equal(2, _cdp.WebhookBatches.Count);
        Assert.Equal(rows.Select(r => r.ClientId), ReceivedClients());
    }

    [Fact]
    public async Task ExportAsync_EndpointDownPastTheRetryBudget_ReportsPendingAndARerunSendsOnlyThose()
    {
        var (key, rows) = await PredictionsAsync(5);
        // The endpoint takes batch 0, then stays down for the rest of the first run.
        _cdp.OnAccepted = _ => _cdp.GoDown();

        var first = await ExportAsync(key, Webhook());

        Assert.False(first.Succeeded);
        var down = Assert.Single(first.Destinations);
        Assert.Equal((3, 1, 0, 2L), (down.BatchesTotal, down.DeliveredNow, down.AlreadyDelivered, down.RowsDeliveredNow));
        Assert.Equal([1, 2], down.Pending.Select(p => p.Index));
        Assert.Equal([Scope().BatchId(2, 1), Scope().BatchId(2, 2)], down.Pending.Select(p => p.BatchId));
        Assert.Equal(1, down.Pending[0].Attempts);
        Assert.Contains("503", down.Pending[0].LastError, StringComparison.Ordinal);
        Assert.Equal(0, down.Pending[1].Attempts);
        Assert.NotEmpty(down.Errors);
        Assert.Equal(2, first.PendingBatches);
        // Batch 1 had the whole budget: the first attempt and MaxRetryAttempts (3) retries.
        Assert.Equal(4, _cdp.Requests.Count(r => r.Status == 503));

        _cdp.OnAccepted = null;
        _cdp.ComeBack();
        var second = await ExportAsync(key, Webhook());

        Assert.True(second.Succeeded);
        var up = Assert.Single(second.Destinations);
        Assert.Equal((2, 1, 3L), (up.DeliveredNow, up.AlreadyDelivered, up.RowsDeliveredNow));
        AssertEachBatchReceivedOnce(3);
        Assert.Equal(rows.Select(r => r.ClientId), ReceivedClients());
        var retried = (await _services.Ledger.ListAsync(Scope(), Ct))[1];
        Assert.Equal((DeliveryStatus.Delivered, 2, null), (retried.Status, retried.Attempts, retried.LastError));
    }

    [Fact]
    public async Task ExportAsync_PermanentClientError_IsNotRetriedAndStaysPending()
    {
        var (key, _) = await PredictionsAsync(5);
        _cdp.FailNext(1, FakeCdpFailure.BadRequest);

        var first = await ExportAsync(key, Webhook());

        Assert.Single(_cdp.Requests);
        Assert.Equal([0, 1, 2], Assert.Single(first.Destinations).Pending.Select(p => p.Index));
        Assert.Contains("400", Assert.Single(first.Destinations).Errors[0], StringComparison.Ordinal);

        var second = await ExportAsync(key, Webhook());

        Assert.True(second.Succeeded);
        AssertEachBatchReceivedOnce(3);
    }

    [Fact]
    public async Task ExportAsync_CancelledMidway_RerunDeliversEveryRowExactlyOnce()
    {
        var (key, rows) = await PredictionsAsync(9);
        using var crash = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var accepted = 0;
        // The process "dies" while the receiver is accepting batch 1: it got the batch, the exporter never hears back.
        _cdp.OnAccepted = _ =>
        {
            if (Interlocked.Increment(ref accepted) == 2)
            {
                crash.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ExportAsync(key, Webhook(), crash.Token));
        _cdp.OnAccepted = null;
        var report = await ExportAsync(key, Webhook());

        Assert.True(report.Succeeded);
        var destination = Assert.Single(report.Destinations);
        Assert.Equal(5, destination.DeliveredNow + destination.AlreadyDelivered);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => Scope().BatchId(2, i)).Order(), _cdp.WebhookBatches.Keys.Order());
        Assert.Equal(rows.Select(r => r.ClientId), ReceivedClients());
        // At most the batch in flight at the crash arrived twice, under the same key, and the receiver kept one.
        Assert.InRange(_cdp.WebhookReceipts.Values.Sum() - _cdp.WebhookReceipts.Count, 0, 1);
    }

    [Fact]
    public async Task ExportAsync_LedgerLost_ResendsUnderTheSameBatchIds()
    {
        var (key, _) = await PredictionsAsync(5);
        await ExportAsync(key, Webhook());
        var firstKeys = _cdp.WebhookBatches.Keys.Order().ToList();
        await foreach (var item in _services.Store.ListAsync(TenantLayout.TaskLedger(Tenant, TaskId), cancellationToken: Ct))
        {
            await _services.Store.DeleteAsync(item.Key, Ct);
        }

        var again = await ExportAsync(key, Webhook());

        Assert.Equal(3, Assert.Single(again.Destinations).DeliveredNow);
        Assert.Equal(firstKeys, _cdp.WebhookBatches.Keys.Order());
        Assert.All(_cdp.WebhookReceipts.Values, receipts => Assert.Equal(2, receipts));
    }

    [Fact]
    public async Task ExportAsync_BatchSizeChangedBetweenRuns_KeepsTheRecordedBatchSize()
    {
        var (key, rows) = await PredictionsAsync(5);
        _cdp.OnAccepted = _ => _cdp.GoDown();
        await ExportAsync(key, Webhook(batchSize: 2));
        _cdp.OnAccepted = null;
        _cdp.ComeBack();

        var report = await ExportAsync(key, Webhook(batchSize: 3));

        Assert.True(report.Succeeded);
        Assert.Equal(3, Assert.Single(report.Destinations).BatchesTotal);
        AssertEachBatchReceivedOnce(3);
        Assert.Equal(rows.Select(r => r.ClientId), ReceivedClients());
    }
}
