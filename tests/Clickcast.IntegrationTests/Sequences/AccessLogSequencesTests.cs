using Clickcast.Sequences;
using Clickcast.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.IntegrationTests.Sequences;

/// <summary>Incremental sequence builds over the real Apache access log in ../shared/data.</summary>
public sealed class AccessLogSequencesTests : IDisposable
{
    private const string Tenant = "acme";
    private readonly TempFolder _folder = new();
    private readonly LocalObjectStore _store;

    public AccessLogSequencesTests()
    {
        _store = new LocalObjectStore(_folder.Path);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task UpdateAsync_RealAccessLogInTwoHalves_EqualsOneFullBuild()
    {
        // The real log split in two files by line; the second half is ingested and folded in incrementally.
        var lines = await File.ReadAllLinesAsync(SharedData.File("apache-combined/access.log"), Token);
        var ingest = new Clickcast.Ingestion.IngestOptions { Urls = new Clickcast.Ingestion.Urls.UrlNormalizationOptions { Level = Clickcast.Ingestion.Urls.UrlLevel.Path, PathSegments = 1, DefaultHost = "semicomplete.com" } };
        var ingestor = new Clickcast.Ingestion.Ingestor(_store, new FakeTimeProvider(), NullLogger<Clickcast.Ingestion.Ingestor>.Instance);
        var builder = new SequenceBuilder(_store, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance);
        var options = new SequenceOptions { MaxEvents = 20, CompactionRatio = 100 };
        await _store.PutBytesAsync(TenantLayout.Raw(Tenant) + "a.log", System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines[..5_000])), Token);
        await ingestor.IngestAsync(Tenant, ingest, cancellationToken: Token);
        await builder.UpdateAsync(Tenant, options, cancellationToken: Token);
        await _store.PutBytesAsync(TenantLayout.Raw(Tenant) + "b.log", System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines[5_000..])), Token);
        await ingestor.IngestAsync(Tenant, ingest, cancellationToken: Token);
        var incremental = await builder.UpdateAsync(Tenant, options, cancellationToken: Token);

        using var fullFolder = new TempFolder();
        var fullStore = new LocalObjectStore(fullFolder.Path);
        await foreach (var item in _store.ListAsync(TenantLayout.Events(Tenant), cancellationToken: Token))
        {
            await using var source = await _store.OpenReadAsync(item.Key, Token);
            await fullStore.PutAsync(item.Key, source, Token);
        }

        await new SequenceBuilder(fullStore, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance).UpdateAsync(Tenant, options, cancellationToken: Token);

        Assert.Equal(SequenceUpdateMode.Incremental, incremental.Mode);
        var expected = await StoredSequences.ReadAllAsync(fullStore, Tenant);
        Assert.True(expected.Count > 500, $"{expected.Count} clients");
        StoredSequences.AssertSame(expected, await StoredSequences.ReadAllAsync(_store, Tenant));
    }
}
