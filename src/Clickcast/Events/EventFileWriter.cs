using Parquet;

namespace Clickcast.Events;

/// <summary>Writes one events Parquet file, a row group per <see cref="EventFile.RowGroupSize"/> events.</summary>
internal sealed class EventFileWriter : IAsyncDisposable
{
    private readonly string _tenant;
    private readonly Stream _stream;
    private readonly ParquetWriter _writer;
    private readonly EventBatch _pending = new(EventFile.RowGroupSize);
    private readonly DateTime[] _times = new DateTime[EventFile.RowGroupSize];
    private readonly ReadOnlyMemory<char>[] _tenants;
    private readonly ReadOnlyMemory<char>[] _text = new ReadOnlyMemory<char>[EventFile.RowGroupSize];

    private EventFileWriter(string tenant, Stream stream, ParquetWriter writer)
    {
        _tenant = tenant;
        _stream = stream;
        _writer = writer;
        _tenants = new ReadOnlyMemory<char>[EventFile.RowGroupSize];
        Array.Fill(_tenants, tenant.AsMemory());
    }

    /// <summary>Events written so far.</summary>
    public long Count { get; private set; }

    public static async Task<EventFileWriter> CreateAsync(string tenant, string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        try
        {
            var writer = await ParquetWriter.CreateAsync(EventFile.Schema, stream, EventFile.WriteOptions(), cancellationToken: cancellationToken).ConfigureAwait(false);
            writer.CustomMetadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["clickcast.tenant"] = tenant, ["clickcast.layout"] = "events/1" };
            return new EventFileWriter(tenant, stream, writer);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask AddAsync(Clickcast.Events.ClickEvent click, CancellationToken cancellationToken)
    {
        _pending.Add(click);
        Count++;
        if (_pending.IsFull)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        var count = _pending.Count;
        if (count == 0)
        {
            return;
        }

        for (var i = 0; i < count; i++)
        {
            _times[i] = EventFile.ToDateTime(_pending.TimestampsMicros[i]);
        }

        using (var group = _writer.CreateRowGroup())
        {
            // Strings go in as reused ReadOnlyMemory<char> buffers: the string overloads allocate a new
            // large array per column and row group, and that garbage alone triggered most full collections.
            await group.WriteAsync<ReadOnlyMemory<char>>(EventFile.Tenant, _tenants.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);
            await WriteTextAsync(group, EventFile.ClientId, _pending.ClientIds, count, cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<DateTime>(EventFile.Timestamp, _times.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);
            await WriteTextAsync(group, EventFile.Url, _pending.Urls, count, cancellationToken).ConfigureAwait(false);
            await WriteTextAsync(group, EventFile.EventType, _pending.EventTypes, count, cancellationToken).ConfigureAwait(false);
        }

        _pending.Reset(EventFile.RowGroupSize);
    }

    private async Task WriteTextAsync(ParquetRowGroupWriter group, Parquet.Schema.DataField field, string[] values, int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            _text[i] = values[i].AsMemory();
        }

        await group.WriteAsync<ReadOnlyMemory<char>>(field, _text.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes what is buffered and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    public override string ToString() => $"events of {_tenant}";
}
