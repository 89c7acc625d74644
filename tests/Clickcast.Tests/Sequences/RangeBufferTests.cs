using System.Globalization;
using Clickcast.Events;
using Clickcast.Sequences;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Sequences;

public sealed class RangeBufferTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static (string Client, long Time, string Url, string Type)[] Shuffled(int seed, params (string, long, string, string)[] events)
    {
        var copy = events.ToArray();
        new Random(seed).Shuffle(copy);
        return copy;
    }

    private async Task<List<ClientSequence>> BuildAsync(RangeBuffer buffer, IEnumerable<(string Client, long Time, string Url, string Type)> events, Func<string, ulong>? hash = null, int maxEvents = 100)
    {
        foreach (var (client, time, url, type) in events)
        {
            buffer.Add((hash ?? ClientHash.Of)(client), client, time, url, type);
        }

        return await WriteAndReadAsync(buffer, maxEvents);
    }

    /// <summary>The buffer's sequences as the build writes them: through a segment file, read back.</summary>
    private async Task<List<ClientSequence>> WriteAndReadAsync(RangeBuffer buffer, int maxEvents = 100, string[]? table = null)
    {
        var path = Path.Combine(_folder.Path, Guid.NewGuid().ToString("N") + ".parquet");
        await using (var writer = await SegmentWriter.CreateAsync(path, TestContext.Current.CancellationToken))
        {
            await buffer.WriteAsync(writer, table ?? [], maxEvents, generation: 1, TestContext.Current.CancellationToken);
        }

        var sequences = new List<ClientSequence>();
        await foreach (var sequence in SegmentReader.ReadAsync(path, new StringPool(), TestContext.Current.CancellationToken))
        {
            sequences.Add(sequence);
        }

        return sequences;
    }

    private static string[] Flatten(ClientSequence sequence) =>
        Enumerable.Range(0, sequence.Length).Select(i => $"{sequence.TimestampArray[i]} {sequence.UrlArray[i]} {sequence.EventTypeArray[i]}").ToArray();

    [Fact]
    public async Task WriteAsync_SameMicrosecond_OrdersTiesByUrlThenType()
    {
        var events = Shuffled(
            7,
            ("c", 30, "b.com", "view"),
            ("c", 10, "z.com", "view"),
            ("c", 20, "b.com", "view"),
            ("c", 20, "a.com", "view"),
            ("c", 20, "b.com", "click"),
            ("c", 5, "y.com", "view"),
            ("c", 30, "a.com", "view"));

        var sequence = Assert.Single(await BuildAsync(new RangeBuffer(), events));

        Assert.Equal(
            ["5 y.com view", "10 z.com view", "20 a.com view", "20 b.com click", "20 b.com view", "30 a.com view", "30 b.com view"],
            Flatten(sequence));
    }

    [Fact]
    public async Task WriteAsync_TwoClientsSharingAHash_AreSplitAndEachOrderedByTime()
    {
        // A forced collision: both clients hash to 42, so they share one run of the primary sort.
        var events = Shuffled(3, ("b", 2, "u2", "t"), ("a", 9, "u9", "t"), ("b", 1, "u1", "t"), ("a", 3, "u3", "t"), ("b", 1, "u0", "t"));

        var sequences = await BuildAsync(new RangeBuffer(), events, _ => 42);

        Assert.Equal(["a", "b"], sequences.Select(s => s.ClientId));
        Assert.Equal(["3 u3 t", "9 u9 t"], Flatten(sequences[0]));
        Assert.Equal(["1 u0 t", "1 u1 t", "2 u2 t"], Flatten(sequences[1]));
    }

    [Fact]
    public async Task WriteAsync_OverTheCap_KeepsTheLatestEventsAndTheWholeHistorysFacts()
    {
        var events = Shuffled(5, ("c", 1, "u1", "t"), ("c", 2, "u2", "t"), ("c", 3, "u3", "t"), ("c", 4, "u4", "t"), ("d", 9, "u9", "t"));

        var sequences = await BuildAsync(new RangeBuffer(), events, maxEvents: 2);

        var capped = sequences.Single(s => s.ClientId == "c");
        Assert.Equal(["3 u3 t", "4 u4 t"], Flatten(capped));
        Assert.Equal((1L, 4L, 4L, 1L), (capped.FirstEventMicros, capped.LastEventMicros, capped.EventCount, capped.UpdatedGeneration));
        Assert.Equal([0f, 1e-6f], capped.DeltasSeconds());
    }

    [Fact]
    public async Task WriteAsync_MoreClientsThanOneRowGroup_EveryClientReadsBackWithItsOwnEvents()
    {
        // Past SegmentFile.ClientsPerRowGroup the writer flushes mid-buffer: rows of both row groups point into the
        // same sorted columns, and the second must not see the first's events.
        var clients = SegmentFile.ClientsPerRowGroup + 7;
        var events = Enumerable.Range(0, clients).SelectMany(c => Enumerable.Range(0, (c % 3) + 1).Select(e => ($"c{c}", (long)((c * 10) + e), $"u{e}", "t"))).ToArray();

        var sequences = await BuildAsync(new RangeBuffer(), events);

        Assert.Equal(clients, sequences.Count);
        Assert.All(sequences, s =>
        {
            var c = int.Parse(s.ClientId.AsSpan(1), CultureInfo.InvariantCulture);
            Assert.Equal(Enumerable.Range(0, (c % 3) + 1).Select(e => $"{(c * 10) + e} u{e} t"), Flatten(s));
        });
    }

    [Fact]
    public async Task WriteAsync_AClientsRunsArriveOutOfTimeOrder_EventsComeOutInTimeOrder()
    {
        // Runs as two reading workers' buffers merge them: the client's later file first, each run in time order,
        // another client's run between them.
        var events = new (string, long, string, string)[] { ("c", 50, "u5", "t"), ("c", 60, "u6", "t"), ("d", 1, "x", "t"), ("c", 10, "u1", "t"), ("c", 20, "u2", "t"), ("c", 55, "u0", "t") };

        var sequences = await BuildAsync(new RangeBuffer(), events);

        Assert.Equal(["10 u1 t", "20 u2 t", "50 u5 t", "55 u0 t", "60 u6 t"], Flatten(sequences.Single(s => s.ClientId == "c")));
        Assert.Equal(["1 x t"], Flatten(sequences.Single(s => s.ClientId == "d")));
    }

    [Fact]
    public async Task Clear_ReusedBuffer_BuildsTheSameAsAFreshOne()
    {
        var first = Enumerable.Range(0, 500).Select(i => ($"c{i % 37}", (long)(i * 7919 % 1000), $"u{i % 11}", "view")).ToArray();
        var second = Enumerable.Range(0, 200).Select(i => ($"d{i % 13}", (long)(i * 31 % 50), $"v{i % 5}", "click")).ToArray();
        var reused = new RangeBuffer();
        await BuildAsync(reused, first);
        reused.Clear();

        var fromReused = await BuildAsync(reused, second);
        var fromFresh = await BuildAsync(new RangeBuffer(), second);

        Assert.Equal(fromFresh.Select(s => s.ClientId), fromReused.Select(s => s.ClientId));
        Assert.Equal(fromFresh.Select(Flatten), fromReused.Select(Flatten));
        Assert.Equal(200, fromReused.Sum(s => s.Length));
    }

    [Fact]
    public async Task Spill_PooledAndInlineStrings_LoadBackTheSameEvents()
    {
        var pool = new StringPool();
        var pooledUrl = pool.Get("shop.example.com", out var urlIndex);
        var pooledType = pool.Get("view", out var typeIndex);
        var pooledClient = pool.Get("client-1", out var clientIndex);
        var longUrl = "long.example.com/" + new string('x', 100_000) + "é";
        var spillFolder = Path.Combine(_folder.Path, "spill-1");
        using (var spill = new RangeSpill(spillFolder, ranges: 2))
        {
            // One pooled event, one whose client and URL were not pooled (written inline, one longer than the
            // writer's buffer), in each of the two ranges.
            spill.Add(1UL, 10, clientIndex, pooledClient, urlIndex, pooledUrl, typeIndex, pooledType);
            spill.Add(ulong.MaxValue, 20, StringPool.NotPooled, "client-ü", StringPool.NotPooled, longUrl, typeIndex, pooledType);
        }

        var low = new RangeBuffer();
        var high = new RangeBuffer();
        RangeSpill.Load(RangeSpill.PathOf(spillFolder, 0), 0, low, new StringPool());
        RangeSpill.Load(RangeSpill.PathOf(spillFolder, 1), 0, high, new StringPool());

        var lowSequence = Assert.Single(await WriteAndReadAsync(low, table: [.. pool.Strings]));
        Assert.Equal(("client-1", 1UL), (lowSequence.ClientId, lowSequence.ClientHash));
        Assert.Equal(["10 shop.example.com view"], Flatten(lowSequence));
        var highSequence = Assert.Single(await WriteAndReadAsync(high, table: [.. pool.Strings]));
        Assert.Equal(("client-ü", ulong.MaxValue), (highSequence.ClientId, highSequence.ClientHash));
        Assert.Equal([$"20 {longUrl} view"], Flatten(highSequence));
    }

    [Fact]
    public async Task Load_TwoSpillSetsOfTwoPools_OneRangesEventsWithTheirOwnStrings()
    {
        // Two routing workers' sets of one range, each with indexes into its own pool: loaded with each pool's
        // offset in the joined table, every event keeps its strings.
        var pools = new[] { new StringPool(), new StringPool() };
        pools[0].Get("padding", out _);
        var folders = new[] { Path.Combine(_folder.Path, "set-1"), Path.Combine(_folder.Path, "set-2") };
        var events = new[] { ("c1", 10L, "a.com", "view"), ("c2", 20L, "b.com", "click") };
        for (var set = 0; set < 2; set++)
        {
            using var spill = new RangeSpill(folders[set], ranges: 1);
            var (client, time, url, type) = events[set];
            spill.Add(ClientHash.Of(client), time, Index(pools[set], client), client, Index(pools[set], url), url, Index(pools[set], type), type);
        }

        var (table, offsets) = RangeStrings.Join([pools[0].Strings, pools[1].Strings]);
        var buffer = new RangeBuffer();
        for (var set = 0; set < 2; set++)
        {
            RangeSpill.Load(RangeSpill.PathOf(folders[set], 0), offsets[set], buffer, new StringPool());
        }

        var sequences = await WriteAndReadAsync(buffer, table: table);

        Assert.Equal(["10 a.com view"], Flatten(sequences.Single(s => s.ClientId == "c1")));
        Assert.Equal(["20 b.com click"], Flatten(sequences.Single(s => s.ClientId == "c2")));

        static int Index(StringPool pool, string text)
        {
            pool.Get(text, out var index);
            return index;
        }
    }

    [Fact]
    public void Load_TruncatedSpillFile_NamesTheFile()
    {
        var pool = new StringPool();
        var url = pool.Get("a.com", out var index);
        var spillFolder = Path.Combine(_folder.Path, "spill-2");
        using (var spill = new RangeSpill(spillFolder, ranges: 1))
        {
            spill.Add(5UL, 1, index, url, index, url, index, url);
        }

        var path = RangeSpill.PathOf(spillFolder, 0);
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength(stream.Length - 3);
        }

        var error = Assert.Throws<InvalidDataException>(() => RangeSpill.Load(path, 0, new RangeBuffer(), new StringPool()));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Adds events as a reading worker does: strings as indexes into its pool, or held by the buffer when the pool did not keep them.</summary>
    private static void AddPooled(RangeBuffer buffer, StringPool pool, IEnumerable<(string Client, long Time, string Url, string Type)> events, bool urlsNotPooled = false)
    {
        foreach (var (client, time, url, type) in events)
        {
            pool.Get(client, out var clientIndex);
            var urlIndex = urlsNotPooled ? buffer.Local(url) : Index(url);
            buffer.Add(ClientHash.Of(client), time, clientIndex, urlIndex, Index(type));
        }

        int Index(string text)
        {
            pool.Get(text, out var index);
            return index;
        }
    }

    [Fact]
    public async Task AddAll_BuffersOfTwoPools_BuildTheSameAsOneBufferOfAllTheEvents()
    {
        // Two reading workers: their pools give the same strings different indexes (and "c1" is in both), and both
        // hold their URLs themselves. Merged with the second pool's offset in the joined table and its held strings
        // after the first's, the events must build exactly what one buffer of all the events builds.
        var first = new (string, long, string, string)[] { ("c1", 10, "a.com", "view"), ("c2", 5, "b.com", "click"), ("c1", 30, "b.com", "view") };
        var second = new (string, long, string, string)[] { ("c3", 7, "d.com", "view"), ("c1", 20, "a.com", "click"), ("c2", 1, "e.com", "view") };
        var firstPool = new StringPool();
        firstPool.Get("padding", out _);
        var secondPool = new StringPool();
        var merged = new RangeBuffer();
        AddPooled(merged, firstPool, first, urlsNotPooled: true);
        var other = new RangeBuffer();
        AddPooled(other, secondPool, second, urlsNotPooled: true);
        var (table, offsets) = RangeStrings.Join([firstPool.Strings, secondPool.Strings]);

        merged.AddAll(other, offsets[1]);

        var expected = await BuildAsync(new RangeBuffer(), [.. first, .. second]);
        var actual = await WriteAndReadAsync(merged, table: table);
        Assert.Equal(["c1", "c2", "c3"], actual.Select(s => s.ClientId).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Select(s => s.ClientId), actual.Select(s => s.ClientId));
        Assert.Equal(expected.Select(Flatten), actual.Select(Flatten));
        Assert.Equal(["10 a.com view", "20 a.com click", "30 b.com view"], Flatten(actual.Single(s => s.ClientId == "c1")));
    }

    [Fact]
    public async Task WriteAsync_OneClientUnderTwoIndexes_IsOneSequence()
    {
        // The same client id pooled by two workers: unequal indexes, one client.
        var pool = new StringPool();
        pool.Get("c", out var index);
        var buffer = new RangeBuffer();
        buffer.Add(ClientHash.Of("c"), 2, index, buffer.Local("u2"), buffer.Local("t"));
        buffer.Add(ClientHash.Of("c"), 1, buffer.Local(new string('c', 1)), buffer.Local("u1"), buffer.Local("t"));

        var sequence = Assert.Single(await WriteAndReadAsync(buffer, table: [.. pool.Strings]));

        Assert.Equal(["1 u1 t", "2 u2 t"], Flatten(sequence));
    }

    [Fact]
    public void Join_PoolsSideBySide_OffsetsPointAtEachPoolsFirstString()
    {
        var (table, offsets) = RangeStrings.Join([new[] { "a", "b" }, new List<string> { "c" }, Array.Empty<string>(), new List<string> { "a" }]);

        Assert.Equal(["a", "b", "c", "a"], table);
        Assert.Equal([0, 2, 3, 3], offsets);
    }

    [Theory]
    [InlineData(0L, 1, 1, 1024)] // nothing known: the small default
    [InlineData(1_200_000L, 1, 1, 1_238_524)] // one shard's events, one reader: the events plus 1/32
    [InlineData(1_200_000L, 2, 1, 619_774)] // split in two ranges: half each
    [InlineData(1_200_000L, 2, 2, 310_399)] // two readers share the files: a quarter each
    [InlineData(100_000_000_000L, 1, 1, 2_147_483_591)] // never past the largest array
    public void InitialCapacity_IsTheWorkersShareOfTheRangeWithSomeRoom(long events, int ranges, int workers, int expected) =>
        Assert.Equal(expected, RangeBuffer.InitialCapacity(events, ranges, workers));

    [Fact]
    public async Task Add_PastTheInitialCapacity_GrowsAndKeepsEveryEvent()
    {
        var buffer = new RangeBuffer(capacity: 2);

        var sequences = await BuildAsync(buffer, [("a", 1, "u1", "t"), ("a", 2, "u2", "t"), ("b", 3, "u3", "t")]);

        Assert.True(buffer.Capacity >= 3);
        Assert.Equal(3, sequences.Sum(s => s.Length));
    }
}
