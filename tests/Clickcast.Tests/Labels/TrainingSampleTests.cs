using Clickcast.Events;
using Clickcast.Labels;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Labels;

public sealed class TrainingSampleTests : IDisposable
{
    private const string Tenant = "acme";
    private static readonly long T0 = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;
    private readonly TempFolder _folder = new();
    private readonly LocalObjectStore _store;

    public TrainingSampleTests() => _store = new LocalObjectStore(_folder.Path);

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1, 100, new[] { 100 })]
    [InlineData(4, 100, new[] { 25, 25, 25, 25 })]
    [InlineData(4, 102, new[] { 26, 26, 25, 25 })]
    [InlineData(4, 3, new[] { 1, 1, 1, 0 })]
    public void Quotas_SplitTheCapEquallyOverShards(int shards, int maxClients, int[] expected) =>
        Assert.Equal(expected, TrainingSample.Quotas(shards, maxClients));

    [Fact]
    public async Task ReadAsync_OverTheCap_IsBoundedDeterministicAndTakesEquallyFromEveryShard()
    {
        var manifest = await BuildAsync(clients: 2_000, shards: 4);

        var first = await ReadAsync(manifest, maxClients: 1_000);
        var second = await ReadAsync(manifest, maxClients: 1_000);

        Assert.Equal(1_000, first.Count);
        Assert.Equal(first.Select(s => s.ClientId), second.Select(s => s.ClientId));
        Assert.Equal([250, 250, 250, 250], first.GroupBy(s => ClientShard.Of(s.ClientHash, 4)).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Equal(first.Count, first.Select(s => s.ClientId).Distinct().Count());
    }

    [Fact]
    public async Task ReadAsync_UnderTheCap_ReadsEveryClientAsBefore()
    {
        var manifest = await BuildAsync(clients: 500, shards: 4);
        var all = new List<ClientSequence>();
        await foreach (var sequence in new SequenceStore(_store).ReadAsync(manifest, Token))
        {
            all.Add(sequence);
        }

        var sample = await ReadAsync(manifest, maxClients: 1_000);

        Assert.Equal(all.Select(s => s.ClientId), sample.Select(s => s.ClientId));
    }

    private async Task<SequenceManifest> BuildAsync(int clients, int shards)
    {
        var events = Enumerable.Range(0, clients).Select(i => new ClickEvent("c" + i, T0 + (i * 1_000_000L), "example.com/" + (i % 7), "page_view")).ToList();
        foreach (var shard in events.GroupBy(e => ClientShard.Of(e.ClientId, shards)))
        {
            var folder = shards == 1 ? string.Empty : EventFileKey.ShardFolder(shard.Key, shards) + "/";
            await EventFiles.WriteAsync(_store, Tenant, "date=2026-11-01/" + folder + "a.parquet", [.. shard]);
        }

        await new SequenceBuilder(_store, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance).UpdateAsync(Tenant, shards, new SequenceOptions(), cancellationToken: Token);
        return (await new SequenceStore(_store).GetManifestAsync(Tenant, Token))!;
    }

    private async Task<List<ClientSequence>> ReadAsync(SequenceManifest manifest, int maxClients)
    {
        var result = new List<ClientSequence>();
        await foreach (var sequence in TrainingSample.ReadAsync(new SequenceStore(_store), manifest, maxClients, Token))
        {
            result.Add(sequence);
        }

        return result;
    }
}
