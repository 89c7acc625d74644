using Clickcast.Events;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Sequences;

public sealed class SequenceBuilderTests : IDisposable
{
    private const string Tenant = "acme";
    private static readonly long T0 = TestSequences.T0;
    private readonly TempFolder _folder = new();
    private readonly LocalObjectStore _store;

    public SequenceBuilderTests()
    {
        _store = new LocalObjectStore(_folder.Path);
    }

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static long At(double minutes) => T0 + (long)(minutes * 60_000_000);

    private SequenceBuilder Builder() => new(_store, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance);

    [Fact]
    public async Task UpdateAsync_FirstBuild_OrdersEventsPerClientAndComputesFacts()
    {
        await EventFiles.WriteAsync(_store, Tenant, "date=2026-11-01/a.parquet",
        [
            new ClickEvent("c1", At(5), "example.com/b", "page_view"),
            new ClickEvent("c2", At(1), "example.com/x", "page_view"),
            new ClickEvent("c1", At(1), "example.com/a", "page_view"),
            new ClickEvent("c1", At(9), "example.com/c", "purchase"),
        ]);

        var report = await Builder().UpdateAsync(Tenant, new SequenceOptions(), cancellationToken: Token);
        var sequences = await StoredSequences.ReadAllAsync(_store, Tenant);

        Assert.Equal(SequenceUpdateMode.Full, report.Mode);
        Assert.Equal(4, report.EventsRead);
        var c1 = sequences.Single(s => s.ClientId == "c1");
        Assert.Equal(["example.com/a", "example.com/b", "example.com/c"], c1.Urls);
        Assert.Equal(["page_view", "page_view", "purchase"], c1.EventTypes);
        Assert.Equal([0f, 240f, 240f], c1.DeltasSeconds());
        Assert.Equal(At(1), c1.FirstEventMicros);
        Assert.Equal(At(9), c1.LastEventMicros);
        Assert.Equal(3, c1.EventCount);
        Assert.Equal(2, sequences.Count);
    }

    [Fact]
    public async Task UpdateAsync_Cap_KeepsLatestEventsButCountsAll()
    {
        var events = Enumerable.Range(0, 10).Select(i => new ClickEvent("c1", At(i), "example.com/" + i, "page_view")).ToList();
        await EventFiles.WriteAsync(_store, Tenant, "date=2026-11-01/a.parquet", events);

        await Builder().UpdateAsync(Tenant, new SequenceOptions { MaxEvents = 3 }, cancellationToken: Token);
        var c1 = Assert.Single(await StoredSequences.ReadAllAsync(_store, Tenant));

        Assert.Equal(["example.com/7", "example.com/8", "example.com/9"], c1.Urls);
        Assert.Equal(10, c1.EventCount);
        Assert.Equal(At(0), c1.FirstEventMicros);
        Assert.Equal(0f, c1.DeltasSeconds()[0]);
    }

    [Fact]
    public async Task UpdateAsync_NothingNew_IsUpToDate()
    {
        await EventFiles.WriteAsync(_store, Tenant, "date=2026-11-01/a.parquet", [new ClickEvent("c1", At(1), "example.com/a", "page_view")]);
        var builder = Builder();
        await builder.UpdateAsync(Tenant, new SequenceOptions(), cancellationToken: Token);

        var second = await builder.UpdateAsync(Tenant, new SequenceOptions(), cancellationToken: Token);

        Assert.Equal(SequenceUpdateMode.UpToDate, second.Mode);
        Assert.Equal(0, second.EventsRead);
    }

    [Fact]
    public async Task UpdateAsync_NewFile_ReadsOnlyItAndTouchesOnlyItsClients()
    {
        await EventFiles.WriteAsync(_store, Tenant, "date=2026-11-01/a.parquet",
            Enumerable.Range(0, 100).Select(i => new ClickEvent("c" + i, At(i), "example.com/a", "page_view")).ToList());
        var builder = Builder();
        await builder.UpdateAsync(Tenant, new SequenceOptions(), cancellationToken: Token);
        await EventFiles.WriteAsync(_store, Tenant, "date=2026-11-02/b.parquet", [new ClickEvent("c7", At(2000), "example.com/b", "page_view")]);

        var report = await builder.UpdateAsync(Tenant, new SequenceOptions(), cancellationToken: Token);

        Assert.Equal(SequenceUpdateMode.Incremental, report.Mode);
        Assert.Equal(1, report.EventFilesRead);
        Assert.Equal(1, report.EventsRead);
        Assert.Equal(1, report.ClientsUpdated);
        var all = await StoredSequences.ReadAllAsync(_store, Tenant);
        var c7 = all.Single(s => s.ClientId == "c7");
        Assert.Equal(["example.com/a", "example.com/b"], c7.Urls);
        Assert.Equal(report.Generation, c7.UpdatedGeneration);
        Assert.All(all.Where(s => s.ClientId != "c7"), s => Assert.Equal(report.Generation - 1, s.UpdatedGeneration));
    }

    [Theory]
    [InlineData(1_000_000, 100.0)] // one range, deltas only
    [InlineData(40, 100.0)]        // many ranges, deltas only
    [InlineData(40, 0.01)]         // many ranges, compaction after every update
    [InlineData(1_000_000, 0.3)]   // compaction now and then
    public async Task UpdateAsync_IncrementalWithLateEvents_EqualsFullRebuild(int eventsPerRange, double compactionRatio)
    {
        var random = new Random(42);
        var options = new SequenceOptions { MaxEvents = 5, EventsPerRange = eventsPerRange, CompactionRatio = compactionRatio, MaxParallelism = 2 };
        var files = new List<(string Name, List<ClickEvent> Events)>();
        for (var f = 0; f < 6; f++)
        {
            // Every file reaches back in time, so later files carry late, out-of-order events; ties included.
            var events = Enumerable.Range(0, 120).Select(_ => new ClickEvent(
                "client-" + random.Next(30),
                At(random.Next(0, 50 + (f * 40))),
                "example.com/p" + random.Next(6),
                random.Next(10) == 0 ? "purchase" : "page_view")).ToList();
            files.Add(($"date=2026-11-0{f + 1}/part-{f}.parquet", events));
        }

        var builder = Builder();
        foreach (var (name, events) in files)
        {
            await EventFiles.WriteAsync(_store, Tenant, name, events);
            await builder.UpdateAsync(Tenant, options, cancellationToken: Token);
        }

        using var fullFolder = new TempFolder();
        var fullStore = new LocalObjectStore(fullFolder.Path);
        foreach (var (name, events) in files)
        {
            await EventFiles.WriteAsync(fullStore, Tenant, name, events);
        }

        var full = await new SequenceBuilder(fullStore, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance)
            .UpdateAsync(Tenant, new SequenceOptions { MaxEvents = 5 }, cancellationToken: Token);

        Assert.Equal(SequenceUpdateMode.Full, full.Mode);
        StoredSequences.AssertSame(await StoredSequences.ReadAllAsync(fullStore, Tenant), await StoredSequences.ReadAllAsync(_store, Tenant));
    }

    [Fact]
    public async Task UpdateAsync_ManyRanges_EqualsOneRange()
    {
        var random = new Random(7);
        var events = Enumerable.Range(0, 2_000).Select(_ => new ClickEvent("c" + random.Next(300), At(random.Next(10_000)), "u" + random.Next(50), "page_view")).ToList();
        await EventFiles.WriteAsync(_store, Tenant, "date=2026-11-01/a.parquet", events.Take(1_000).ToList());
        await EventFiles.WriteAsync(_store, Tenant, "date=2026-11-02/b.parquet", events.Skip(1_000).ToList());
        using var otherFolder = new TempFolder();
        var other = new LocalObjectStore(otherFolder.Path);
        await EventFiles.WriteAsync(other, Tenant, "date=2026-11-01/a.parquet", events.Take(1_000).ToList());
        await EventFiles.WriteAsync(other, Tenant, "date=2026-11-02/b.parquet", events.Skip(1_000).ToList());

        var partitioned = await Builder().UpdateAsync(Tenant, new SequenceOptions { EventsPerRange = 100, MaxParallelism = 2 }, cancellationToken: Token);
        await new SequenceBuilder(other, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance).UpdateAsync(Tenant, new SequenceOptions(), cancellationToken: Token);

        Assert.Equal(128, partitioned.Ranges); // spilled ranges of at most 100 / (2 × 2) events (RangePlan)
        StoredSequences.AssertSame(await StoredSequences.ReadAllAsync(other, Tenant), await StoredSequences.ReadAllAsync(_store, Tenant));
    }

    [Fact]
    public async Task UpdateAsync_CapChanged_RebuildsFully()
    {
        await EventFiles.WriteAsync(_store, Tenant, "date=2026-11-01/a.parquet", [new ClickEvent("c1", At(1), "example.com/a", "page_view")]);
        var builder = Builder();
        await builder.UpdateAsync(Tenant, new SequenceOptions { MaxEvents = 10 }, cancellationToken: Token);

        var report = await builder.UpdateAsync(Tenant, new SequenceOptions { MaxEvents = 20 }, cancellationToken: Token);

        Assert.Equal(SequenceUpdateMode.Full, report.Mode);
    }

    [Fact]
    public async Task UpdateAsync_Compaction_RemovesReplacedSegments()
    {
        var builder = Builder();
        var options = new SequenceOptions { CompactionRatio = 0.01 };
        await EventFiles.WriteAsync(_store, Tenant, "date=2026-11-01/a.parquet", [new ClickEvent("c1", At(1), "example.com/a", "page_view")]);
        await builder.UpdateAsync(Tenant, options, cancellationToken: Token);
        await EventFiles.WriteAsync(_store, Tenant, "date=2026-11-02/b.parquet", [new ClickEvent("c2", At(2), "example.com/b", "page_view")]);

        var report = await builder.UpdateAsync(Tenant, options, cancellationToken: Token);

        Assert.Equal(SequenceUpdateMode.IncrementalWithCompaction, report.Mode);
        var manifest = await new SequenceStore(_store).GetManifestAsync(Tenant, Token);
        var listed = new List<string>();
        await foreach (var item in _store.ListAsync(TenantLayout.Sequences(Tenant) + "segments/", cancellationToken: Token))
        {
            listed.Add(item.Key);
        }

        Assert.Equal(manifest!.Segments.Select(s => s.Key).Order(StringComparer.Ordinal), listed);
        Assert.All(manifest.Segments, s => Assert.Equal(SegmentKind.Base, s.Kind));
        Assert.Equal(2, (await StoredSequences.ReadAllAsync(_store, Tenant)).Count);
    }

    [Fact]
    public async Task FindAsync_ReturnsOneClientMergedAcrossSegments()
    {
        var builder = Builder();
        await EventFiles.WriteAsync(_store, Tenant, "date=2026-11-01/a.parquet", [new ClickEvent("c1", At(5), "example.com/b", "page_view"), new ClickEvent("c2", At(1), "example.com/z", "page_view")]);
        await builder.UpdateAsync(Tenant, new SequenceOptions(), cancellationToken: Token);
        await EventFiles.WriteAsync(_store, Tenant, "date=2026-11-02/b.parquet", [new ClickEvent("c1", At(1), "example.com/a", "page_view")]);
        await builder.UpdateAsync(Tenant, new SequenceOptions(), cancellationToken: Token);

        var c1 = await new SequenceStore(_store).FindAsync(Tenant, "c1", Token);

        Assert.NotNull(c1);
        Assert.Equal(["example.com/a", "example.com/b"], c1.Urls);
        Assert.Null(await new SequenceStore(_store).FindAsync(Tenant, "nobody", Token));
    }

    [Fact]
    public async Task Segments_AreReadableByDuckDbAsLists()
    {
        await EventFiles.WriteAsync(_store, Tenant, "date=2026-11-01/a.parquet", [new ClickEvent("c1", At(1), "example.com/a", "page_view"), new ClickEvent("c1", At(2), "example.com/b", "page_view")]);
        await Builder().UpdateAsync(Tenant, new SequenceOptions(), cancellationToken: Token);
        var manifest = await new SequenceStore(_store).GetManifestAsync(Tenant, Token);

        using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT client_id, len(urls), urls[2], deltas[2], event_count FROM read_parquet('{_store.PathOf(manifest!.Segments[0].Key)}')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("c1", reader.GetString(0));
        Assert.Equal(2L, Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("example.com/b", reader.GetString(2));
        Assert.Equal(60f, reader.GetFloat(3));
        Assert.Equal(2L, reader.GetInt64(4));
    }

    [Fact]
    public async Task UpdateAsync_GeneratedClickstreamDayByDay_EqualsOneFullBuild()
    {
        using var avro = new TempFolder();
        var files = Clickcast.Generation.ClickstreamFiles.Write(new Clickcast.Generation.GeneratorOptions { Clients = 800, Days = 6, Seed = 3 }, avro.Path).Files;
        var ingest = new Clickcast.Ingestion.IngestOptions { Urls = new Clickcast.Ingestion.Urls.UrlNormalizationOptions { Level = Clickcast.Ingestion.Urls.UrlLevel.Path, PathSegments = 1 } };
        var ingestor = new Clickcast.Ingestion.Ingestor(_store, new FakeTimeProvider(), NullLogger<Clickcast.Ingestion.Ingestor>.Instance);
        var builder = Builder();
        var options = new SequenceOptions { MaxEvents = 30, EventsPerRange = 10_000, CompactionRatio = 0.4 };
        foreach (var file in files)
        {
            await _store.PutFileAsync(TenantLayout.Raw(Tenant) + Path.GetFileName(file), file, Token);
            await ingestor.IngestAsync(Tenant, ingest, cancellationToken: Token);
            await builder.UpdateAsync(Tenant, options, cancellationToken: Token);
        }

        using var fullFolder = new TempFolder();
        var fullStore = new LocalObjectStore(fullFolder.Path);
        await foreach (var item in _store.ListAsync(TenantLayout.Events(Tenant), cancellationToken: Token))
        {
            await using var source = await _store.OpenReadAsync(item.Key, Token);
            await fullStore.PutAsync(item.Key, source, Token);
        }

        await new SequenceBuilder(fullStore, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance).UpdateAsync(Tenant, options, cancellationToken: Token);

        StoredSequences.AssertSame(await StoredSequences.ReadAllAsync(fullStore, Tenant), await StoredSequences.ReadAllAsync(_store, Tenant));
    }
}
