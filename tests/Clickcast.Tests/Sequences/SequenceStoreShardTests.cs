using Clickcast.Events;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Sequences;

public sealed class SequenceStoreShardTests : IDisposable
{
    private const string Tenant = "acme";
    private static readonly long T0 = TestSequences.T0;
    private readonly TempFolder _folder = new();
    private readonly LocalObjectStore _store;

    public SequenceStoreShardTests() => _store = new LocalObjectStore(_folder.Path);

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadShardAsync_BaseAndDelta_EachShardGetsExactlyItsClients_AndTogetherEveryone()
    {
        var builder = new SequenceBuilder(_store, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance);
        var options = new SequenceOptions { EventsPerRange = 10_000 };
        await EventFiles.WriteAsync(_store, Tenant, "date=2026-11-01/a.parquet", Events(0, 300));
        await builder.UpdateAsync(Tenant, options, cancellationToken: Token);
        await EventFiles.WriteAsync(_store, Tenant, "date=2026-11-02/b.parquet", Events(250, 400)); // a delta: 150 clients, 50 of them known
        await builder.UpdateAsync(Tenant, options, cancellationToken: Token);
        var store = new SequenceStore(_store);
        var manifest = (await store.GetManifestAsync(Tenant, Token))!;
        Assert.Contains(manifest.Segments, s => s.Kind == SegmentKind.Delta);

        var all = new List<ClientSequence>();
        await foreach (var sequence in store.ReadAsync(manifest, Token))
        {
            all.Add(sequence);
        }

        var union = new List<ClientSequence>();
        for (var shard = 0; shard < 4; shard++)
        {
            await foreach (var sequence in store.ReadShardAsync(manifest, shard, 4, Token))
            {
                Assert.Equal(shard, ClientShard.Of(sequence.ClientId, 4));
                union.Add(sequence);
            }
        }

        Assert.Equal(400, all.Count);
        Assert.Equal(all.Select(s => (s.ClientId, s.EventCount)), union.Select(s => (s.ClientId, s.EventCount)));
    }

    private static List<ClickEvent> Events(int from, int to) =>
        [.. Enumerable.Range(from, to - from).Select(i => new ClickEvent("c" + i, T0 + (i * 1_000_000L), "example.com/" + (i % 7), "page_view"))];
}
