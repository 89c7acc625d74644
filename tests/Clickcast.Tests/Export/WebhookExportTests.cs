using System.Text.Json;
using Clickcast.Export;
using Clickcast.Scoring;
using Clickcast.Storage;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Export;

public sealed partial class WebhookExportTests : IAsyncDisposable
{
    private const string Tenant = "acme";
    private const string TaskId = "buy-7d";
    private readonly FakeCdp _cdp = FakeCdp.Start();
    private readonly ExportServices _services = new();

    public async ValueTask DisposeAsync()
    {
        await _cdp.DisposeAsync();
        _services.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ExportScope Scope(string file = "run-1", string destination = "crm") => new(Tenant, TaskId, file, destination);

    private ExportDestinationOptions Webhook(int? batchSize = null) => new()
    {
        Name = "crm",
        Kind = ExportDestinationKind.Webhook,
        Attribute = "propensity_buy_7d",
        BatchSize = batchSize,
        Webhook = { Url = _cdp.WebhookUrl, Secret = _cdp.WebhookSecret },
    };

    private async Task<(string Key, List<Prediction> Rows)> PredictionsAsync(int count)
    {
        var rows = Predictions.Make(Tenant, TaskId, count);
        return (await Predictions.WriteAsync(_services.Store, Tenant, TaskId, "run-1", rows), rows);
    }

    private Task<ExportReport> ExportAsync(string key, ExportDestinationOptions destination, CancellationToken? cancellationToken = null) =>
        _services.Exporter.ExportAsync(Tenant, TaskId, key, [destination], cancellationToken ?? Ct);

    /// <summary>Client ids the receiver holds, batch by batch (deduped by key), in batch order.</summary>
    private List<string> ReceivedClients() =>
        _cdp.WebhookBatches.Values
            .OrderBy(b => b.GetProperty("batch_index").GetInt32())
            .SelectMany(b => b.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("client_id").GetString()!))
            .ToList();

    private void AssertEachBatchReceivedOnce(int batches)
    {
        Assert.Equal(Enumerable.Range(0, batches).Select(i => Scope().BatchId(2, i)).Order(), _cdp.WebhookBatches.Keys.Order());
        Assert.All(_cdp.WebhookReceipts.Values, receipts => Assert.Equal(1, receipts));
    }

    [Fact]
    public async Task ExportAsync_Webhook_PostsSignedBatchesWithTheDocumentedBody()
    {
        var (key, rows) = await PredictionsAsync(5);

        var report = await ExportAsync(key, Webhook());

        Assert.True(report.Succeeded);
        var destination = Assert.Single(report.Destinations);
        Assert.Equal((3, 3, 0, 5L, 5L), (destination.BatchesTotal, destination.DeliveredNow, destination.AlreadyDelivered, destination.Rows, destination.RowsDeliveredNow));
        Assert.Empty(_cdp.Rejections);
        AssertEachBatchReceivedOnce(3);
        Assert.Equal(rows.Select(r => r.ClientId), ReceivedClients());

        var body = _cdp.WebhookBatches[Scope().BatchId(2, 2)];
        Assert.Equal(
            ["batch_id", "tenant", "task", "attribute", "predictions_file", "destination", "batch_index", "batch_count", "first_row", "row_count", "rows"],
            body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Scope().BatchId(2, 2), body.GetProperty("batch_id").GetString());
        Assert.Equal(Tenant, body.GetProperty("tenant").GetString());
        Assert.Equal(TaskId, body.GetProperty("task").GetString());
        Assert.Equal("propensity_buy_7d", body.GetProperty("attribute").GetString());
        Assert.Equal("run-1", body.GetProperty("predictions_file").GetString());
        Assert.Equal("crm", body.GetProperty("destination").GetString());
        Assert.Equal(2, body.GetProperty("batch_index").GetInt32());
        Assert.Equal(3, body.GetProperty("batch_count").GetInt32());
        Assert.Equal(4, body.GetProperty("first_row").GetInt64());
        Assert.Equal(1, body.GetProperty("row_count").GetInt32());

        var row = Assert.Single(body.GetProperty("rows").EnumerateArray());
        var expected = rows[4];
        Assert.Equal(
            ["client_id", "probability", "percentile", "bucket", "above_threshold", "model_version", "scored_at"],
            row.EnumerateObject().Select(p => p.Name));
        Assert.Equal(expected.ClientId, row.GetProperty("client_id").GetString());
        Assert.Equal(expected.Probability, row.GetProperty("probability").GetDouble());
        Assert.Equal(expected.Percentile, row.GetProperty("percentile").GetDouble());
        Assert.Equal(expected.Bucket, row.GetProperty("bucket").GetString());
        Assert.Equal(expected.AboveThreshold, row.GetProperty("above_threshold").GetBoolean());
        Assert.Equal(3, row.GetProperty("model_version").GetInt32());
        Assert.Equal("2026-11-26T12:30:15.123456Z", row.GetProperty("scored_at").GetString());

        var request = _cdp.Requests[0];
        Assert.Equal("POST", request.Method);
        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", request.Headers[FakeCdp.SignatureHeader]);
        Assert.Equal(Scope().BatchId(2, 0), request.Headers["Idempotency-Key"]);
        Assert.Equal("application/json; charset=utf-8", request.Headers["Content-Type"]);
    }

    [Fact]
    public async Task ExportAsync_AttributeNotSet_SendsTheTaskId()
    {
        var (key, _) = await PredictionsAsync(1);
        var destination = Webhook();
        destination.Attribute = string.Empty;

        await ExportAsync(key, destination);

        Assert.Equal(TaskId, Assert.Single(_cdp.WebhookBatches.Values).GetProperty("attribute").GetString());
    }

    [Fact]
    public async Task ExportAsync_WrongSecret_IsRefusedByTheReceiverAndLeftPending()
    {
        var (key, _) = await PredictionsAsync(2);
        var destination = Webhook();
        destination.Webhook.Secret = "not-the-receivers-secret";

        var report = await ExportAsync(key, destination);

        Assert.False(report.Succeeded);
        Assert.Equal([0], Assert.Single(report.Destinations).Pending.Select(p => p.Index));
        Assert.Contains("webhook: signature mismatch", _cdp.Rejections);
        Assert.Empty(_cdp.WebhookBatches);
    }

    [Fact]
    public async Task ExportAsync_SecondRunAfterSuccess_SendsNothing()
    {
        var (key, _) = await PredictionsAsync(5);
        await ExportAsync(key, Webhook());
        var requests = _cdp.Requests.Count;

        var again = await ExportAsync(key, Webhook());

        Assert.True(again.Succeeded);
        Assert.Equal((0, 3), (again.Destinations[0].DeliveredNow, again.Destinations[0].AlreadyDelivered));
        Assert.Equal(requests, _cdp.Requests.Count);
    }

    [Fact]
    public async Task ExportAsync_RowsOfAnotherTenantOrNonFiniteScores_AreRejectedNotSent()
    {
        var rows = Predictions.Make(Tenant, TaskId, 3);
        rows.Insert(1, rows[0] with { Tenant = "other", ClientId = "x1" });
        rows.Insert(2, rows[0] with { Probability = double.NaN, ClientId = "x2" });
        var key = await Predictions.WriteAsync(_services.Store, Tenant, TaskId, "run-1", rows);

        var report = await ExportAsync(key, Webhook());

        Assert.True(report.Succeeded);
        Assert.Equal((3L, 2L), (report.Rows, report.RowsRejected));
        Assert.Equal(["c000", "c001", "c002"], ReceivedClients());
    }

    [Fact]
    public async Task ExportAsync_Body_IsByteIdenticalOnEveryResend()
    {
        var (key, _) = await PredictionsAsync(2);
        _cdp.FailNext(2);

        await ExportAsync(key, Webhook());

        var bodies = _cdp.Requests.Select(r => Convert.ToBase64String(r.Body)).Distinct().ToList();
        Assert.Single(bodies);
        using var document = JsonDocument.Parse(_cdp.Requests[0].Body);
        Assert.Equal(Scope().BatchId(2, 0), document.RootElement.GetProperty("batch_id").GetString());
    }
}
