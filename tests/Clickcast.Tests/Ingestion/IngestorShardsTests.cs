using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Storage;

namespace Clickcast.Tests.Ingestion;

/// <summary>With shards, ingest writes one file per (period, shard), each holding only its shard's clients; with one shard, today's keys.</summary>
public sealed class IngestorShardsTests : IDisposable
{
    private readonly IngestHarness _sharded = new();
    private readonly IngestHarness _plain = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _sharded.Dispose();
        _plain.Dispose();
    }

    [Fact]
    public async Task IngestFileAsync_SixteenShardsFortyDays_EveryEventInItsShardsFileSameRowsAsOneShard()
    {
        const int Days = 40;
        var csv = new StringBuilder("client_id,ts,url\n");
        var first = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var day = 0; day < Days; day++)
        {
            for (var i = 0; i < 100; i++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"c{((day * 7) + i) % 211},{first.AddDays(day).AddMinutes(i):yyyy-MM-dd'T'HH:mm:ss'Z'},https://shop.example.com/p/{i % 13}\n");
            }
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var options = new IngestOptions { MaxParallelFiles = 1 };
        options.Limits.MaxOpenEventFiles = 4;
        await _sharded.PutAsync("days.csv", bytes);
        await _plain.PutAsync("days.csv", bytes);

        var sharded = await _sharded.Ingestor.IngestFileAsync(IngestHarness.Tenant, TenantLayout.Raw(IngestHarness.Tenant) + "days.csv", options, IngestRedo.None, 16, Token);
        var plain = await _plain.Ingestor.IngestFileAsync(IngestHarness.Tenant, TenantLayout.Raw(IngestHarness.Tenant) + "days.csv", options, IngestRedo.None, 1, Token);

        Assert.True(sharded.Status == IngestStatus.Ingested, sharded.Error);
        Assert.Equal(Days * 100, sharded.RowsKept);
        Assert.Equal(plain.KeptPerDay, sharded.KeptPerDay);
        Assert.All(plain.Outputs, key => Assert.Matches(@"^tenants/acme/events/date=\d{4}-\d{2}-\d{2}/[0-9a-f]{24}\.parquet$", key));
        var files = sharded.Outputs.Select(key => EventFileKey.TryParse(IngestHarness.Tenant, key, out var file) ? file.Value : throw new InvalidDataException(key)).ToList();
        Assert.All(files, file => Assert.Equal(16, file.Shards));
        Assert.DoesNotContain(files, file => file.Name.Contains('-', StringComparison.Ordinal)); // every shard of the day stayed open: no extra parts
        Assert.Equal(files.Count, files.Select(f => (f.Period, f.Shard)).Distinct().Count());
        foreach (var file in files)
        {
            var events = await ReadAsync(_sharded.Store, file.ToKey(IngestHarness.Tenant));
            Assert.All(events, e => Assert.Equal(file.Shard, ClientShard.Of(e.ClientId, 16)));
            Assert.All(events, e => Assert.Equal(file.Period, "date=" + EventFile.ToDateTime(e.TimestampMicros).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        Assert.Equal(await _plain.ReadEventsAsync(), await _sharded.ReadEventsAsync());
        Assert.InRange(PeakOpen(_sharded), 1, 16);
    }

    [Fact]
    public async Task IngestFileAsync_ShardedRedo_OverwritesTheSameKeysNeverDoubles()
    {
        var csv = "client_id,ts,url\na,2026-11-01T10:00:00Z,https://example.com/a\nb,2026-11-01T11:00:00Z,https://example.com/b\nc,2026-11-02T10:00:00Z,https://example.com/c\n";
        var key = TenantLayout.Raw(IngestHarness.Tenant) + "a.csv";
        await _sharded.PutTextAsync("a.csv", csv);
        var options = new IngestOptions { MaxParallelFiles = 1 };

        var once = await _sharded.Ingestor.IngestFileAsync(IngestHarness.Tenant, key, options, IngestRedo.None, 4, Token);
        var again = await _sharded.Ingestor.IngestFileAsync(IngestHarness.Tenant, key, options, IngestRedo.All, 4, Token);

        Assert.Equal(once.Outputs, again.Outputs);
        Assert.Equal(3, (await _sharded.ReadEventsAsync()).Count);
        var listed = await EventLayout.ListAsync(_sharded.Store, IngestHarness.Tenant, 4, Token);
        Assert.Equal(once.Outputs.Order(StringComparer.Ordinal), listed.Select(f => f.ToKey(IngestHarness.Tenant)));
    }

    internal static async Task<List<ClickEvent>> ReadAsync(LocalObjectStore store, string key)
    {
        var events = new List<ClickEvent>();
        await foreach (var batch in EventFileReader.ReadAsync(store.PathOf(key), new StringPool(), Token))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                events.Add(batch[i]);
            }
        }

        return events;
    }

    private static int PeakOpen(IngestHarness harness)
    {
        var entry = Assert.Single(harness.Log.Entries, e => e.Contains(" 8300: ", StringComparison.Ordinal));
        var match = Regex.Match(entry, @"PeakOpen=(\d+)", RegexOptions.CultureInvariant);
        Assert.True(match.Success, entry);
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
