using Clickcast.Ingestion;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Tests.Ingestion.Sources.Avro;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.IntegrationTests.Ingestion.Sources.Avro;

/// <summary>Every shared CDP Avro file, from raw object to client sequences, with no field mapping configured.</summary>
public sealed class SharedAvroToSequencesTests : IDisposable
{
    private const string Tenant = "cdp";
    private readonly TempFolder _folder = new();
    private readonly LocalObjectStore _store;

    public SharedAvroToSequencesTests()
    {
        _store = new LocalObjectStore(_folder.Path);
    }

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("events-flat-deflate.avro")]
    [InlineData("events-flat-null.avro")]
    [InlineData("events-nested-deflate.avro")]
    public async Task SharedFile_IngestedAndBuilt_EveryKeptEventIsInASequence(string name)
    {
        await _store.PutBytesAsync(TenantLayout.Raw(Tenant) + name, await File.ReadAllBytesAsync(AvroTestData.SharedFile(name), Token), Token);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));

        var ingest = await new Ingestor(_store, clock, NullLogger<Ingestor>.Instance).IngestAsync(Tenant, new IngestOptions(), cancellationToken: Token);
        var sequences = await new SequenceBuilder(_store, clock, NullLogger<SequenceBuilder>.Instance).UpdateAsync(Tenant, new SequenceOptions { MaxEvents = 1_000_000 }, cancellationToken: Token);

        var file = Assert.Single(ingest.Files);
        Assert.True(file.Status == IngestStatus.Ingested, file.Error);
        Assert.Equal(AvroTestData.SharedFileRecords, file.RowsRead);
        Assert.InRange(file.RowsKept, 1, file.RowsRead);
        Assert.Equal(file.RowsKept, sequences.EventsRead);
        Assert.InRange(sequences.ClientsUpdated, 2, file.RowsKept);
        long total = 0;
        await foreach (var sequence in new SequenceStore(_store).ReadAllAsync(Tenant, Token))
        {
            Assert.True(sequence.TimestampArray.Zip(sequence.TimestampArray.Skip(1)).All(p => p.First <= p.Second), $"{sequence.ClientId}: events out of time order");
            Assert.All(sequence.UrlArray, url => Assert.False(string.IsNullOrWhiteSpace(url)));
            total += sequence.Length;
        }

        Assert.Equal(file.RowsKept, total);
    }
}
