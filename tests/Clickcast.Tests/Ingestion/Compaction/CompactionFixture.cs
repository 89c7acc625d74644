using System.Globalization;
using System.Text;
using Clickcast.Events;
using Clickcast.Storage;

namespace Clickcast.Tests.Ingestion.Compaction;

/// <summary>Source files whose events all fall on one day (so one folder per shard collects them), and the events readers see.</summary>
internal static class CompactionFixture
{
    public const string Tenant = "acme";

    /// <summary>Every event readers see in the layout of <paramref name="shards"/>, sorted: the multiset to compare.</summary>
    public static async Task<List<ClickEvent>> VisibleEventsAsync(IObjectStore store, int shards)
    {
        var events = new List<ClickEvent>();
        foreach (var file in await EventLayout.ListAsync(store, Tenant, shards, TestContext.Current.CancellationToken))
        {
            using var copy = await store.GetLocalCopyAsync(file.ToKey(Tenant), TestContext.Current.CancellationToken);
            await foreach (var batch in EventFileReader.ReadAsync(copy.Path, TestContext.Current.CancellationToken))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    events.Add(batch[i]);
                }
            }
        }

        return [.. events.OrderBy(e => e.ClientId, StringComparer.Ordinal).ThenBy(e => e.TimestampMicros).ThenBy(e => e.Url, StringComparer.Ordinal).ThenBy(e => e.EventType, StringComparer.Ordinal)];
    }

    /// <summary>120 events of 2026-11-01 over 37 clients, distinct per file.</summary>
    public static byte[] OneDay(int file)
    {
        var csv = new StringBuilder("client_id,ts,url\n");
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(file);
        for (var i = 0; i < 120; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"c{(i * 7 + file) % 37},{start.AddMinutes(i * 11):yyyy-MM-dd'T'HH:mm:ss'Z'},https://shop.example.com/p/{(i + file) % 13}\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
