using System.Globalization;
using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Testing;

namespace Clickcast.Tests.Ingestion;

/// <summary>
/// An ingest job's buffers are bounded by its <see cref="EventBufferBudget"/>, not by its file: a day file eight times
/// larger (the scale bench's 10M → 100M tenants hold ten times the events per file) peaks at the same buffer capacity.
/// </summary>
public sealed class EventPartWritersMemoryTests
{
    private static readonly EventBufferBudget Budget = new(Events: 4_096, Chars: 1L << 30);

    [Fact]
    public async Task PeakCapacity_EightTimesTheEventsPerShard_StaysWithinTheBudget()
    {
        var small = await PeakCapacityAsync(perShard: 1_000);
        var large = await PeakCapacityAsync(perShard: 8_000);

        Assert.InRange(small, 1, 4 * Budget.Events);
        Assert.InRange(large, 1, 4 * Budget.Events);
        Assert.InRange(large, 1, small * 2);
    }

    private static async Task<long> PeakCapacityAsync(int perShard)
    {
        const int Shards = 16;
        using var folder = new TempFolder();
        await using var writers = new EventPartWriters("t", folder.Path, Shards, Budget);
        for (var i = 0; i < perShard; i++)
        {
            for (var shard = 0; shard < Shards; shard++)
            {
                var id = "client-" + ((i * Shards) + shard).ToString(CultureInfo.InvariantCulture);
                await writers.AddAsync("date=2026-11-01", shard, new ClickEvent(id, 1_700_000_000_000_000L + i, "example.com/p/1", "view"), TestContext.Current.CancellationToken);
            }
        }

        await writers.CompleteAsync(TestContext.Current.CancellationToken);
        return writers.PeakCapacity;
    }
}
