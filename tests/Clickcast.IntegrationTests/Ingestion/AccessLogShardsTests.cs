using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Urls;
using Clickcast.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.IntegrationTests.Ingestion;

/// <summary>The real Apache access log in ../shared/data ingested with eight shards holds exactly the rows it holds with one.</summary>
public sealed class AccessLogShardsTests : IDisposable
{
    private const string Tenant = "weblog";
    private readonly TempFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task IngestFileAsync_RealAccessLogEightShards_SameRowsAsOneShardEachInItsShard()
    {
        var one = await IngestAsync("one", 1);
        var eight = await IngestAsync("eight", 8);

        Assert.True(one.Rows.Count > 1_500, $"{one.Rows.Count} events");
        Assert.Equal(one.Report.KeptPerDay, eight.Report.KeptPerDay);
        Assert.Equal(one.Rows, eight.Rows);
        Assert.Equal(8, eight.Shards.Distinct().Count());
        Assert.All(eight.Files, f => Assert.Equal(8, f.Shards));
    }

    private async Task<(FileIngestReport Report, List<string> Rows, List<int> Shards, IReadOnlyList<EventFileKey> Files)> IngestAsync(string folder, int shards)
    {
        var store = new LocalObjectStore(_folder.File(folder));
        var key = TenantLayout.Raw(Tenant) + "access.log";
        await store.PutBytesAsync(key, await File.ReadAllBytesAsync(SharedData.File("apache-combined/access.log"), Token), Token);
        var options = new IngestOptions { MaxParallelFiles = 1, Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1, DefaultHost = "semicomplete.com" } };
        var report = await new Ingestor(store, new FakeTimeProvider(), NullLogger<Ingestor>.Instance).IngestFileAsync(Tenant, key, options, IngestRedo.None, shards, Token);
        Assert.True(report.Status == IngestStatus.Ingested, report.Error);
        var files = await EventLayout.ListAsync(store, Tenant, shards, Token);
        var rows = new List<string>();
        var shardOfRows = new List<int>();
        foreach (var file in files)
        {
            await foreach (var batch in EventFileReader.ReadAsync(store.PathOf(file.ToKey(Tenant)), new StringPool(), Token))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    var e = batch[i];
                    Assert.Equal(file.Shard, ClientShard.Of(e.ClientId, shards));
                    rows.Add($"{e.ClientId}|{e.TimestampMicros}|{e.Url}|{e.EventType}");
                    shardOfRows.Add(file.Shard);
                }
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return (report, rows, shardOfRows, files);
    }
}
