using Clickcast.Events;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Sequences;

/// <summary>The real-time lookup answers exactly what a full read answers, across base and delta segments, under any cache budget.</summary>
public sealed class SequenceLookupTests : IDisposable
{
    private const string Tenant = "acme";
    private static readonly long T0 = TestSequences.T0;
    private readonly TempFolder _folder = new();
    private readonly LocalObjectStore _store;
    private readonly FakeTimeProvider _time = new();

    public SequenceLookupTests()
    {
        _store = new LocalObjectStore(_folder.Path);
    }

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(5_000_000)]
    [InlineData(50)]
    [InlineData(1)]
    public async Task FindAsync_EveryClientAcrossBaseAndDeltaSegments_EqualsAFullRead(long budget)
    {
        await BuildAsync();
        var lookup = new SequenceLookup(_store, _time) { MaxCachedEvents = budget };

        var expected = new List<ClientSequence>();
        await foreach (var sequence in new SequenceStore(_store).ReadAllAsync(Tenant, Token))
        {
            expected.Add(sequence);
        }

        var found = new List<ClientSequence?>();
        foreach (var sequence in expected)
        {
            found.Add(await lookup.FindAsync(Tenant, sequence.ClientId, Token));
        }

        Assert.Equal(60, expected.Count);
        Assert.All(expected.Zip(found), pair => Assert.True(pair.Second is not null && pair.First.SameAs(pair.Second), $"{pair.First} vs {pair.Second}"));
        Assert.Contains(expected, s => s.Length == 3); // clients with events in both builds were merged
        Assert.Null(await lookup.FindAsync(Tenant, "nobody", Token));
        Assert.InRange(lookup.CachedEvents, 0, Math.Max(budget, 0));
    }

    [Fact]
    public async Task FindAsync_AfterANewBuild_SeesItOnceTheBackgroundRecheckRead()
    {
        await EventFiles.WriteAsync(_store, Tenant, "date=2026-11-01/a.parquet", [new ClickEvent("c1", T0, "example.com/a", "page_view")]);
        await Builder().UpdateAsync(Tenant, new SequenceOptions(), cancellationToken: Token);
        var lookup = new SequenceLookup(_store, _time);
        var before = await lookup.FindAsync(Tenant, "c1", Token);
        await lookup.IdleAsync(Tenant); // its first segments preloaded
        await EventFiles.WriteAsync(_store, Tenant, "date=2026-11-02/b.parquet", [new ClickEvent("c1", T0 + 1_000_000, "example.com/b", "cart")]);
        await Builder().UpdateAsync(Tenant, new SequenceOptions(), cancellationToken: Token);

        var stale = await lookup.FindAsync(Tenant, "c1", Token);
        _time.Advance(lookup.ManifestRecheck);
        var stillStale = await lookup.FindAsync(Tenant, "c1", Token); // answered at once; the new manifest is read in the background
        await lookup.IdleAsync(Tenant);
        var fresh = await lookup.FindAsync(Tenant, "c1", Token);

        Assert.Equal(1, before!.Length);
        Assert.Equal(1, stale!.Length);
        Assert.Equal(1, stillStale!.Length);
        Assert.Equal(["example.com/a", "example.com/b"], fresh!.Urls);
        Assert.Equal(["page_view", "cart"], fresh.EventTypes);
    }

    [Fact]
    public async Task FindAsync_WhileTheManifestIsReRead_AnswersFromMemoryWithoutWaitingForTheRead()
    {
        await BuildAsync();
        var store = new GatedManifestStore(_store);
        var lookup = new SequenceLookup(store, _time);
        var first = await lookup.FindAsync(Tenant, "c3", Token);
        await lookup.IdleAsync(Tenant);
        store.Hold(); // a slow manifest read: a disk busy with a worker's writes, a slow object store
        _time.Advance(lookup.ManifestRecheck);

        var during = lookup.FindAsync(Tenant, "c3", Token);
        var answeredWhileHeld = during.IsCompleted;
        store.Release();
        await lookup.IdleAsync(Tenant);

        Assert.True(answeredWhileHeld, "the lookup waited for the manifest read");
        Assert.True(first!.SameAs((await during)!));
        Assert.Equal(2, store.ManifestReads);
    }

    private async Task BuildAsync()
    {
        var first = Enumerable.Range(0, 60).Select(i => new ClickEvent("c" + i, T0 + (i * 1_000_000L), "example.com/p" + (i % 7), "page_view")).ToList();
        first.AddRange(Enumerable.Range(0, 60).Select(i => new ClickEvent("c" + i, T0 + (i * 1_000_000L) + 10, "example.com/q", "page_view")));
        await EventFiles.WriteAsync(_store, Tenant, "date=2026-11-01/a.parquet", first);
        await Builder().UpdateAsync(Tenant, new SequenceOptions(), cancellationToken: Token);
        var second = Enumerable.Range(0, 20).Select(i => new ClickEvent("c" + (i * 3), T0 + 86_400_000_000L + i, "example.com/buy", "purchase")).ToList();
        await EventFiles.WriteAsync(_store, Tenant, "date=2026-11-02/b.parquet", second);
        await Builder().UpdateAsync(Tenant, new SequenceOptions(), cancellationToken: Token);
        var manifest = await new SequenceStore(_store).GetManifestAsync(Tenant, Token);
        Assert.Contains(manifest!.Segments, s => s.Kind == SegmentKind.Delta);
    }

    private SequenceBuilder Builder() => new(_store, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance);

    /// <summary>A local store whose manifest reads wait while <see cref="Hold"/> is on.</summary>
    private sealed class GatedManifestStore(LocalObjectStore inner) : IObjectStore
    {
        private TaskCompletionSource _gate = Open();

        public int ManifestReads { get; private set; }

        public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _gate.TrySetResult();

        public IAsyncEnumerable<StoredObject> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default) =>
            inner.ListAsync(prefix, startAfter, cancellationToken);

        public Task<StoredObject?> GetInfoAsync(string key, CancellationToken cancellationToken = default) => inner.GetInfoAsync(key, cancellationToken);

        public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
        {
            if (key.EndsWith("manifest.json", StringComparison.Ordinal))
            {
                ManifestReads++;
                await _gate.Task.WaitAsync(cancellationToken);
            }

            return await inner.OpenReadAsync(key, cancellationToken);
        }

        public Task<StoredObject> PutAsync(string key, Stream content, CancellationToken cancellationToken = default) => inner.PutAsync(key, content, cancellationToken);

        public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

        private static TaskCompletionSource Open()
        {
            var open = new TaskCompletionSource();
            open.SetResult();
            return open;
        }
    }
}
