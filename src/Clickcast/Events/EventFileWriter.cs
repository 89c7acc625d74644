using System.Buffers;
using Parquet;

namespace Clickcast.Events;

/// <summary>
/// Writes one events Parquet file, a row group per <see cref="EventFile.RowGroupSize"/> events or per
/// <see cref="MaxPendingChars"/> characters of text, whichever comes first. The buffer starts small and grows
/// with the events it holds, so an open writer with few events costs little memory.
/// </summary>
internal sealed class EventFileWriter : IAsyncDisposable
{
    /// <summary>Events the buffer holds before it first grows.</summary>
    internal const int InitialCapacity = 1024;

    /// <summary>Characters of text (client ids, URLs, event types) buffered before a row group is written.</summary>
    internal const long MaxPendingChars = 64L * 1024 * 1024;

    private readonly string _tenant;
    private readonly Stream _stream;
    private readonly ParquetWriter _writer;
    private readonly PooledEventBuffer _pending = new(InitialCapacity);
    private long _pendingChars;

    private EventFileWriter(string tenant, Stream stream, ParquetWriter writer)
    {
        _tenant = tenant;
        _stream = stream;
        _writer = writer;
    }

    /// <summary>Events added so far (written or buffered).</summary>
    public long Count { get; private set; }

    public static async Task<EventFileWriter> CreateAsync(string tenant, string path, CancellationToken cancellationToken)
    {
        // Synchronous writes: see SynchronousFileStream for why an ingest must not hop threads per 64 KiB written.
        var stream = new SynchronousFileStream(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
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

    public async ValueTask AddAsync(ClickEvent click, CancellationToken cancellationToken)
    {
        if (_pending.IsFull)
        {
            _pending.Resize(Math.Min(EventFile.RowGroupSize, _pending.Capacity * 2));
        }

        _pending.Add(click);
        _pendingChars += click.ClientId.Length + click.Url.Length + click.EventType.Length;
        Count++;
        if (_pending.Count >= EventFile.RowGroupSize || _pendingChars >= MaxPendingChars)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the buffered events as a row group.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        var count = _pending.Count;
        if (count == 0)
        {
            return;
        }

        var rows = ArrayPool<int>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                rows[i] = i;
            }

            await WriteGroupAsync(_pending.Columns, rows.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rows);
        }

        _pending.Clear();
        _pendingChars = 0;
    }

    /// <summary>
    /// Writes the events at <paramref name="rows"/> of a buffer shared by several files (in that order), a row group per
    /// <see cref="EventFile.RowGroupSize"/> events; the owner of the shared buffer bounds its text. The writer's own
    /// buffer must be empty.
    /// </summary>
    public async ValueTask WriteRowsAsync(EventColumns columns, ReadOnlyMemory<int> rows, CancellationToken cancellationToken)
    {
        if (_pending.Count > 0)
        {
            throw new InvalidOperationException("the writer has buffered events of its own: flush them first");
        }

        for (var start = 0; start < rows.Length; start += EventFile.RowGroupSize)
        {
            await WriteGroupAsync(columns, rows[start..Math.Min(rows.Length, start + EventFile.RowGroupSize)], cancellationToken).ConfigureAwait(false);
        }

        Count += rows.Length;
    }

    /// <summary>Writes the events at <paramref name="rows"/> of <paramref name="columns"/> as one row group.</summary>
    private async Task WriteGroupAsync(EventColumns columns, ReadOnlyMemory<int> rows, CancellationToken cancellationToken)
    {
        var count = rows.Length;
        var times = ArrayPool<DateTime>.Shared.Rent(count);
        var text = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(count);
        try
        {
            var order = rows.Span;
            for (var i = 0; i < count; i++)
            {
                times[i] = EventFile.ToDateTime(columns.TimestampsMicros[order[i]]);
            }

            using (var group = _writer.CreateRowGroup())
            {
                // Strings go in as pooled ReadOnlyMemory<char> buffers: the string overloads allocate a new
                // large array per column and row group, and that garbage alone triggered most full collections.
                text.AsSpan(0, count).Fill(_tenant.AsMemory());
                await group.WriteAsync<ReadOnlyMemory<char>>(EventFile.Tenant, text.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);
                await WriteTextAsync(group, EventFile.ClientId, columns.ClientIds, rows, text, cancellationToken).ConfigureAwait(false);
                await group.WriteAsync<DateTime>(EventFile.Timestamp, times.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);
                await WriteTextAsync(group, EventFile.Url, columns.Urls, rows, text, cancellationToken).ConfigureAwait(false);
                await WriteTextAsync(group, EventFile.EventType, columns.EventTypes, rows, text, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<DateTime>.Shared.Return(times);
            ArrayPool<ReadOnlyMemory<char>>.Shared.Return(text, clearArray: true);
        }
    }

    private static async Task WriteTextAsync(ParquetRowGroupWriter group, Parquet.Schema.DataField field, string[] values, ReadOnlyMemory<int> rows, ReadOnlyMemory<char>[] text, CancellationToken cancellationToken)
    {
        var order = rows.Span;
        for (var i = 0; i < order.Length; i++)
        {
            text[i] = values[order[i]].AsMemory();
        }

        await group.WriteAsync<ReadOnlyMemory<char>>(field, text.AsMemory(0, order.Length), cancellationToken: cancellationToken).ConfigureAwait(false);
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
            _pending.Dispose();
            await _writer.DisposeAsync().ConfigureAwait(false);
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    public override string ToString() => $"events of {_tenant}";
}
