using Clickcast.Events;
using Clickcast.Generation;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Urls;
using Clickcast.Sequences;
using Clickcast.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.IntegrationTests.Sequences;

/// <summary>
/// A sharded build (4 shards, one build per shard, then the commit) equals the unsharded build client by client —
/// chains, types, times, counts — over generated events plus the real access log, fully and after an incremental
/// day, over event files split per shard (<c>date=D/shard=SofN/</c>, the layout a sharded tenant reads).
/// </summary>
public sealed class ShardedSequencesTests : IDisposable
{
    private const string Tenant = "acme";
    private readonly TempFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(10_000)] // shards larger than a range: each shard spills and splits by the hash bits below its own
    [InlineData(2_000_000)] // every shard fits in memory
    public async Task UpdateAsync_FourShards_EqualsTheUnshardedBuild_FullAndIncremental(int eventsPerRange)
    {
        var ingested = new LocalObjectStore(_folder.File("ingested"));
        var unsharded = new LocalObjectStore(_folder.File("unsharded"));
        var sharded = new LocalObjectStore(_folder.File("sharded"));
        var options = new SequenceOptions { MaxEvents = 30, EventsPerRange = eventsPerRange, CompactionRatio = 100 };
        var (generated, _) = ClickstreamFiles.Write(new GeneratorOptions { Clients = 2_000, Days = 6, Seed = 11 }, _folder.File("avro"));
        var log = await File.ReadAllLinesAsync(SharedData.File("apache-combined/access.log"), Token);

        await IngestAsync(ingested, [.. generated.Take(generated.Count - 1)], log[..6_000], "a.log");
        await CopyEventsAsync(ingested, unsharded, shards: 1);
        await CopyEventsAsync(ingested, sharded, 4);
        await Builder(unsharded).UpdateAsync(Tenant, 1, options, cancellationToken: Token);
        var full = await Builder(sharded).UpdateAsync(Tenant, 4, options, cancellationToken: Token);

        Assert.Equal(SequenceUpdateMode.Full, full.Mode);
        var expected = await StoredSequences.ReadAllAsync(unsharded, Tenant);
        Assert.True(expected.Count > 2_000, $"{expected.Count} clients");
        StoredSequences.AssertSame(expected, await StoredSequences.ReadAllAsync(sharded, Tenant));
        var manifest = (await new SequenceStore(sharded).GetManifestAsync(Tenant, Token))!;
        Assert.Equal(4, manifest.Shards);
        Assert.Equal(manifest.TotalEvents, manifest.ShardEvents.Sum());
        Assert.All(manifest.Segments, s => Assert.Matches(@"/g\d{8}-s000\d-base-\d{4}\.parquet$", s.Key));
        Assert.All(manifest.Segments, s => Assert.Equal(ClientShard.Of(s.MinHash, 4), ClientShard.Of(s.MaxHash, 4)));

        await IngestAsync(ingested, [generated[^1]], log[6_000..], "b.log");
        await CopyEventsAsync(ingested, unsharded, shards: 1);
        await CopyEventsAsync(ingested, sharded, 4);
        await Builder(unsharded).UpdateAsync(Tenant, options, cancellationToken: Token);
        var incremental = await Builder(sharded).UpdateAsync(Tenant, 4, options, cancellationToken: Token);

        Assert.Equal(SequenceUpdateMode.Incremental, incremental.Mode);
        StoredSequences.AssertSame(await StoredSequences.ReadAllAsync(unsharded, Tenant), await StoredSequences.ReadAllAsync(sharded, Tenant));
        var after = (await new SequenceStore(sharded).GetManifestAsync(Tenant, Token))!;
        Assert.Equal(manifest.Generation + 1, after.Generation);
        Assert.Contains(after.Segments, s => s.Kind == SegmentKind.Delta);
        Assert.Equal((await new SequenceStore(unsharded).GetManifestAsync(Tenant, Token))!.TotalEvents, after.TotalEvents);
    }

    private static SequenceBuilder Builder(IObjectStore store) => new(store, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance);

    private static async Task IngestAsync(LocalObjectStore store, IReadOnlyList<string> avroFiles, string[] logLines, string logName)
    {
        foreach (var file in avroFiles)
        {
            await store.PutFileAsync(TenantLayout.Raw(Tenant) + Path.GetFileName(file), file, Token);
        }

        await store.PutBytesAsync(TenantLayout.Raw(Tenant) + logName, System.Text.Encoding.UTF8.GetBytes(string.Join('\n', logLines)), Token);
        var ingest = new IngestOptions { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1, DefaultHost = "semicomplete.com" } };
        await new Ingestor(store, new FakeTimeProvider(), NullLogger<Ingestor>.Instance).IngestAsync(Tenant, ingest, cancellationToken: Token);
    }

    /// <summary>Copies the event files not copied yet; with shards, splits each into one file per shard under <c>shard=SofN/</c>.</summary>
    private static async Task CopyEventsAsync(LocalObjectStore from, LocalObjectStore to, int shards)
    {
        await foreach (var item in from.ListAsync(TenantLayout.Events(Tenant), cancellationToken: Token))
        {
            var slash = item.Key.LastIndexOf('/');
            if (!item.Key.EndsWith(".parquet", StringComparison.Ordinal)
                || await to.GetInfoAsync(shards == 1 ? item.Key : item.Key[..slash] + "/" + EventFileKey.ShardFolder(0, shards) + "/" + item.Key[(slash + 1)..], Token) is not null)
            {
                continue;
            }

            if (shards == 1)
            {
                await to.PutFileAsync(item.Key, from.PathOf(item.Key), Token);
                continue;
            }

            var parts = Enumerable.Range(0, shards).Select(_ => new List<ClickEvent>()).ToArray();
            await foreach (var batch in EventFileReader.ReadAsync(from.PathOf(item.Key), Token))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    parts[ClientShard.Of(batch.ClientIds[i], shards)].Add(batch[i]);
                }
            }

            for (var shard = 0; shard < shards; shard++)
            {
                var path = Path.Combine(Path.GetTempPath(), "clickcast-split-" + Guid.NewGuid().ToString("N") + ".parquet");
                await using (var writer = await EventFileWriter.CreateAsync(Tenant, path, Token))
                {
                    foreach (var click in parts[shard])
                    {
                        await writer.AddAsync(click, Token);
                    }
                }

                to.MoveFileIn(path, item.Key[..slash] + "/" + EventFileKey.ShardFolder(shard, shards) + "/" + item.Key[(slash + 1)..]);
            }
        }
    }
}
