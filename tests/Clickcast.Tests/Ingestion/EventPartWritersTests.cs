using System.Globalization;
using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Testing;
using Parquet;

namespace Clickcast.Tests.Ingestion;

/// <summary>How one source file's (period, shard) buffers share their memory budget.</summary>
public sealed class EventPartWritersTests
{
    [Fact]
    public async Task AddAsync_SixteenShardsOfADayWithinTheBudget_EachShardKeepsItsDayInOneRowGroup()
    {
        // A sharded tenant's day file feeds its 16 shards in turn; 16 × 40,000 events (a day of a 20 M-event month)
        // within the budget: no shard's row group is cut short by the others.
        var (groups, events) = await WriteAsync(shards: 16, perShard: 40_000, budget: new EventBufferBudget(Events: 1 << 20, Chars: 1L << 30));

        Assert.All(groups, g => Assert.Equal(1, g));
        Assert.Equal(16 * 40_000, events);
    }

    [Fact]
    public async Task AddAsync_SixteenShardsOverTheDefaultEventBudget_WritesRowGroupsEarly_AndKeepsEveryEvent()
    {
        var (groups, events) = await WriteAsync(shards: 16, perShard: 40_000, budget: null);

        Assert.Contains(groups, g => g > 1);
        Assert.Equal(16 * 40_000, events);
    }

    [Fact]
    public async Task AddAsync_SixteenShardsOverTheDefaultEventBudget_EachShardWritesOneRowGroupPerFullBuffer()
    {
        // 640,000 events against 262,144: the shared buffer fills twice and the rest is written at the end, so every
        // shard's row groups are cut at the same points, three each. Buffers of their own, written early largest first
        // down to half the budget, cut the shards unevenly (12 of these 16 into two row groups, 4 into three).
        var (groups, events) = await WriteAsync(shards: 16, perShard: 40_000, budget: null);

        Assert.All(groups, g => Assert.Equal(3, g));
        Assert.Equal(16 * 40_000, events);
    }

    [Fact]
    public async Task AddAsync_ShardsInterleavedOverManyBufferFills_EachFileKeepsItsEventsInArrivalOrder()
    {
        using var folder = new TempFolder();
        IReadOnlyList<EventPart> parts;
        var expected = new Dictionary<int, List<string>>();
        await using (var writers = new EventPartWriters("t", folder.Path, 3, new EventBufferBudget(Events: 7, Chars: 1L << 30)))
        {
            for (var i = 0; i < 100; i++)
            {
                var shard = (i + (i / 4)) % 3;
                var id = "c" + i.ToString(CultureInfo.InvariantCulture);
                await writers.AddAsync("date=2026-11-01", shard, new ClickEvent(id, 1_700_000_000_000_000L + i, "example.com/", "view"), TestContext.Current.CancellationToken);
                (expected.TryGetValue(shard, out var list) ? list : expected[shard] = []).Add(id);
            }

            parts = await writers.CompleteAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(3, parts.Count);
        foreach (var part in parts)
        {
            var read = new List<string>();
            await foreach (var batch in EventFileReader.ReadAsync(part.Path, TestContext.Current.CancellationToken))
            {
                read.AddRange(batch.ClientIds.Take(batch.Count));
            }

            Assert.Equal(expected[part.Shard], read);
        }
    }

    [Fact]
    public async Task AddAsync_PeriodsAlternating_SomeAsNewInstancesOfTheirText_EachPeriodAndShardKeepsItsEvents()
    {
        // The part of the period just seen is remembered by the period's instance; the same text in another instance,
        // another period in between, and a part closed for room must all still find the right file.
        using var folder = new TempFolder();
        IReadOnlyList<EventPart> parts;
        var expected = new Dictionary<(string Period, int Shard), List<string>>();
        var (first, second) = ("date=2026-11-01", "date=2026-11-02");
        await using (var writers = new EventPartWriters("t", folder.Path, 5, new EventBufferBudget(Events: 11, Chars: 1L << 30)))
        {
            for (var i = 0; i < 300; i++)
            {
                var period = i / 7 % 3 == 2 ? second : i % 10 == 0 ? new string(first.AsSpan()) : first;
                var shard = i % 4;
                var id = "c" + i.ToString(CultureInfo.InvariantCulture);
                await writers.AddAsync(period, shard, new ClickEvent(id, 1_700_000_000_000_000L + i, "example.com/", "view"), TestContext.Current.CancellationToken);
                (expected.TryGetValue((period, shard), out var list) ? list : expected[(period, shard)] = []).Add(id);
            }

            parts = await writers.CompleteAsync(TestContext.Current.CancellationToken);
        }

        // Eight (period, shard) files and five open at most: parts are closed and continued, never mixed.
        var read = new Dictionary<(string Period, int Shard), List<string>>();
        foreach (var part in parts)
        {
            var ids = read.TryGetValue((part.Period, part.Shard), out var list) ? list : read[(part.Period, part.Shard)] = [];
            await foreach (var batch in EventFileReader.ReadAsync(part.Path, TestContext.Current.CancellationToken))
            {
                ids.AddRange(batch.ClientIds.Take(batch.Count));
            }
        }

        Assert.Equal(8, read.Count);
        Assert.True(parts.Count > 8, $"{parts.Count} parts");
        Assert.Equal(expected.Count, read.Count);
        Assert.All(expected, e => Assert.Equal(e.Value, read[e.Key]));
    }

    [Fact]
    public async Task AddAsync_OverTheCharacterBudget_WritesRowGroupsEarly_AndKeepsEveryEvent()
    {
        // About 30 characters an event: 4 shards × 2,000 events hold ~240,000 characters against a budget of 60,000.
        var (groups, events) = await WriteAsync(shards: 4, perShard: 2_000, budget: new EventBufferBudget(Events: 1_000_000, Chars: 60_000));

        Assert.All(groups, g => Assert.True(g > 1, $"{g} row group(s)"));
        Assert.Equal(4 * 2_000, events);
    }

    [Fact]
    public async Task AddAsync_OverTheCharacterBudgetWhileTheFirstBufferIsEmpty_StillWritesTheOthersEarly()
    {
        // Few events, long URLs: the character budget, not the events, fills the shared buffer, and shards 1-3, which
        // hold the long URLs, are written early although shard 0 has a single event.
        using var folder = new TempFolder();
        var url = "example.com/" + new string('p', 100);
        IReadOnlyList<EventPart> parts;
        await using (var writers = new EventPartWriters("t", folder.Path, 4, new EventBufferBudget(Events: 1_000_000, Chars: 30_000)))
        {
            await writers.AddAsync("date=2026-11-01", 0, new ClickEvent("first", 1_700_000_000_000_000L, "example.com/", "view"), TestContext.Current.CancellationToken);
            for (var i = 0; i < 900; i++)
            {
                for (var shard = 1; shard < 4; shard++)
                {
                    var id = "client-" + (i * 4 + shard).ToString(CultureInfo.InvariantCulture);
                    await writers.AddAsync("date=2026-11-01", shard, new ClickEvent(id, 1_700_000_000_000_000L + i, url, "view"), TestContext.Current.CancellationToken);
                }
            }

            parts = await writers.CompleteAsync(TestContext.Current.CancellationToken);
        }

        foreach (var part in parts.Where(p => p.Shard > 0))
        {
            await using var reader = await ParquetReader.CreateAsync(part.Path, cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(reader.RowGroupCount > 1, $"shard {part.Shard}: {reader.RowGroupCount} row group(s), its ~100,000 characters never written early");
        }
    }

    private static async Task<(List<int> Groups, long Events)> WriteAsync(int shards, int perShard, EventBufferBudget? budget)
    {
        using var folder = new TempFolder();
        var writers = new EventPartWriters("t", folder.Path, shards, budget);
        IReadOnlyList<EventPart> parts;
        await using (writers)
        {
            for (var i = 0; i < perShard; i++)
            {
                for (var shard = 0; shard < shards; shard++)
                {
                    var id = "client-" + (i * shards + shard).ToString(CultureInfo.InvariantCulture);
                    await writers.AddAsync("date=2026-11-01", shard, new ClickEvent(id, 1_700_000_000_000_000L + i, "example.com/p/1", "view"), TestContext.Current.CancellationToken);
                }
            }

            parts = await writers.CompleteAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(shards, parts.Count);
        var groups = new List<int>();
        long events = 0;
        foreach (var part in parts)
        {
            await using var reader = await ParquetReader.CreateAsync(part.Path, cancellationToken: TestContext.Current.CancellationToken);
            groups.Add(reader.RowGroupCount);
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                events += group.RowCount;
            }
        }

        return (groups, events);
    }
}
