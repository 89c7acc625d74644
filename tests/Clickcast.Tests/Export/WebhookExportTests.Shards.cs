using Clickcast.Events;
using Clickcast.Export;
using Clickcast.Pipeline;
using Clickcast.Scoring;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Export;

/// <summary>Export of a sharded scoring run: one export per shard's part (see <see cref="ExportShardJobHandler"/>).</summary>
public sealed partial class WebhookExportTests
{
    private const int Shards = 4;

    /// <summary>Writes the rows of each shard as <c>runs/{run}/part-SSSS.parquet</c>, as a sharded run does; returns the part keys.</summary>
    private async Task<List<string>> PartsAsync(string runId, List<Prediction> rows)
    {
        var keys = new List<string>();
        for (var shard = 0; shard < Shards; shard++)
        {
            keys.Add(PredictionParts.RunFolder(Tenant, TaskId, runId) + PredictionParts.PartName(shard));
            await PredictionFileWriter.WriteAsync(_services.Store, keys[^1], rows.Where(r => ClientShard.Of(r.ClientId, Shards) == shard), Ct);
        }

        return keys;
    }

    private Task<ExportReport> ExportPartAsync(string runId, List<string> parts, int shard) =>
        _services.Exporter.ExportAsync(Tenant, TaskId, parts[shard], ExportShardJobHandler.FileId(runId, shard), [Webhook()], Ct);

    private static List<(string Client, double Probability, double Percentile, string Bucket)> RowsOf(IEnumerable<System.Text.Json.JsonElement> batches) =>
        batches.SelectMany(b => b.GetProperty("rows").EnumerateArray())
            .Select(r => (r.GetProperty("client_id").GetString()!, r.GetProperty("probability").GetDouble(), r.GetProperty("percentile").GetDouble(), r.GetProperty("bucket").GetString()!))
            .OrderBy(r => r.Item1, StringComparer.Ordinal)
            .ToList();

    [Fact]
    public async Task ExportAsync_ShardParts_DeliverTheSameRowsAsTheWholeRunEachOnceAndNoBatchSpansShards()
    {
        var rows = Predictions.Make(Tenant, TaskId, 41);
        var whole = await Predictions.WriteAsync(_services.Store, Tenant, TaskId, "run-1", rows);
        Assert.True((await ExportAsync(whole, Webhook())).Succeeded);
        var wholeBatches = _cdp.WebhookBatches.Keys.ToHashSet();
        var parts = await PartsAsync("run-2", rows);

        var reports = new List<ExportReport>();
        for (var shard = 0; shard < Shards; shard++)
        {
            reports.Add(await ExportPartAsync("run-2", parts, shard));
        }

        Assert.All(reports, r => Assert.True(r.Succeeded));
        var sharded = _cdp.WebhookBatches.Where(b => !wholeBatches.Contains(b.Key)).Select(b => b.Value).ToList();
        Assert.Equal(RowsOf(_cdp.WebhookBatches.Where(b => wholeBatches.Contains(b.Key)).Select(b => b.Value)), RowsOf(sharded));
        Assert.All(_cdp.WebhookReceipts.Values, receipts => Assert.Equal(1, receipts));
        Assert.All(sharded, batch =>
        {
            var file = batch.GetProperty("predictions_file").GetString()!;
            var shard = int.Parse(file[^4..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.StartsWith("run-2-s", file, StringComparison.Ordinal);
            Assert.All(batch.GetProperty("rows").EnumerateArray(), r => Assert.Equal(shard, ClientShard.Of(r.GetProperty("client_id").GetString()!, Shards)));
        });
        Assert.Equal(sharded.Count, reports.Sum(r => r.Destinations[0].BatchesTotal));
    }

    [Fact]
    public async Task ExportAsync_ShardPartInterruptedMidShard_RetrySendsOnlyItsUndeliveredBatchesWithTheSameIds()
    {
        var rows = Predictions.Make(Tenant, TaskId, 60);
        var parts = await PartsAsync("run-1", rows);
        var shardRows = rows.Count(r => ClientShard.Of(r.ClientId, Shards) == 1);
        Assert.True(shardRows >= 6, $"shard 1 has {shardRows} rows");
        var accepted = 0;
        _cdp.OnAccepted = _ =>
        {
            if (++accepted == 2)
            {
                _cdp.GoDown();
            }
        };

        var first = await ExportPartAsync("run-1", parts, 1);
        _cdp.OnAccepted = null;
        _cdp.ComeBack();
        var sentBefore = _cdp.WebhookBatches.Keys.ToHashSet();
        var retry = await ExportPartAsync("run-1", parts, 1);

        Assert.False(first.Succeeded);
        Assert.Equal(2, first.Destinations[0].DeliveredNow);
        Assert.True(retry.Succeeded);
        var destination = retry.Destinations[0];
        Assert.Equal((2, destination.BatchesTotal - 2), (destination.AlreadyDelivered, destination.DeliveredNow));
        Assert.Equal(first.Destinations[0].Pending.Select(p => p.BatchId).Order(), _cdp.WebhookBatches.Keys.Except(sentBefore).Order());
        Assert.All(_cdp.WebhookReceipts.Values, receipts => Assert.Equal(1, receipts));
        Assert.Equal(rows.Where(r => ClientShard.Of(r.ClientId, Shards) == 1).Select(r => r.ClientId).Order(StringComparer.Ordinal), RowsOf(_cdp.WebhookBatches.Values).Select(r => r.Client));
        var scope = new ExportScope(Tenant, TaskId, "run-1-s0001", "crm");
        Assert.All(await _services.Ledger.ListAsync(scope, Ct), b => Assert.Equal(DeliveryStatus.Delivered, b.Status));
    }
}
