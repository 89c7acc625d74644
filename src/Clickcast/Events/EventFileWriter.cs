using System.Buffers;
using System.Buffers.Binary;

namespace Clickcast.Events;

/// <summary>
/// Writes one events Parquet file, a row group per <see cref="EventFile.RowGroupSize"/> events or per
/// <see cref="MaxPendingChars"/> characters of text, whichever comes first. The buffer starts small and grows
/// with the events it holds, so an open writer with few events costs little memory; a writer fed whole row groups
/// from a shared buffer (<see cref="WriteRowsAsync"/>) has none. Pages are encoded by <see cref="EventPageEncoder"/>
/// and the footer by <see cref="EventFileFooter"/>, not by Parquet.Net's writer: its per-column dictionaries were
/// most of an ingest's allocations (docs/benchmarks.md, "Own Parquet writer for events").
/// </summary>
internal sealed class EventFileWriter : IAsyncDisposable
{
    /// <summary>Events the buffer holds before it first grows.</summary>
    internal const int InitialCapacity = 1024;

    /// <summary>Characters of text (client ids, URLs, event types) buffered before a row group is written.</summary>
    internal const long MaxPendingChars = 64L * 1024 * 1024;

    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    private readonly string _tenant;
    private readonly Stream _stream;
    private readonly List<(int Rows, EventColumnChunk[] Chunks)> _groups = [];
    private PooledEventBuffer? _pending;
    private long _pendingChars;
    private long _position;

    private EventFileWriter(string tenant, Stream stream)
    {
        _tenant = tenant;
        _stream = stream;
        _stream.Write(Magic);
        _position = Magic.Length;
    }

    /// <summary>Events added so far (written or buffered).</summary>
    public long Count { get; private set; }

    public static Task<EventFileWriter> CreateAsync(string tenant, string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        cancellationToken.ThrowIfCancellationRequested();
        // Synchronous writes: see SynchronousFileStream for why an ingest must not hop threads per 64 KiB written.
        var stream = new SynchronousFileStream(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
        try
        {
            return Task.FromResult(new EventFileWriter(tenant, stream));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public async ValueTask AddAsync(ClickEvent click, CancellationToken cancellationToken)
    {
        _pending ??= new PooledEventBuffer(InitialCapacity);
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
    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var count = _pending?.Count ?? 0;
        if (count == 0)
        {
            return ValueTask.CompletedTask;
        }

        var rows = ArrayPool<int>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                rows[i] = i;
            }

            WriteGroup(_pending!.Columns, rows.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rows);
        }

        _pending!.Clear();
        _pendingChars = 0;
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Writes the events at <paramref name="rows"/> of a buffer shared by several files (in that order), a row group per
    /// <see cref="EventFile.RowGroupSize"/> events; the owner of the shared buffer bounds its text. The writer's own
    /// buffer must be empty.
    /// </summary>
    public ValueTask WriteRowsAsync(EventColumns columns, ReadOnlyMemory<int> rows, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_pending is { Count: > 0 })
        {
            throw new InvalidOperationException("the writer has buffered events of its own: flush them first");
        }

        for (var start = 0; start < rows.Length; start += EventFile.RowGroupSize)
        {
            WriteGroup(columns, rows.Span[start..Math.Min(rows.Length, start + EventFile.RowGroupSize)]);
        }

        Count += rows.Length;
        return ValueTask.CompletedTask;
    }

    /// <summary>Writes the events at <paramref name="rows"/> of <paramref name="columns"/> as one row group, columns in schema order.</summary>
    private void WriteGroup(EventColumns columns, ReadOnlySpan<int> rows)
    {
        var encoder = EventPageEncoderPool.Shared.Rent();
        try
        {
            var chunks = new EventColumnChunk[EventFileFooter.ColumnCount];
            chunks[0] = encoder.WriteConstant(_stream, ref _position, _tenant, rows.Length);
            chunks[1] = encoder.WriteStrings(_stream, ref _position, columns.ClientIds, rows, sharedInstances: false);
            chunks[2] = encoder.WriteTimestamps(_stream, ref _position, columns.TimestampsMicros, rows);
            chunks[3] = encoder.WriteStrings(_stream, ref _position, columns.Urls, rows, sharedInstances: true);
            chunks[4] = encoder.WriteStrings(_stream, ref _position, columns.EventTypes, rows, sharedInstances: true);
            _groups.Add((rows.Length, chunks));
        }
        finally
        {
            EventPageEncoderPool.Shared.Return(encoder);
        }
    }

    /// <summary>Writes what is buffered, the footer, and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
            var footer = new ArrayBufferWriter<byte>(4096);
            EventFileFooter.Write(footer, _groups, [new("clickcast.tenant", _tenant), new("clickcast.layout", "events/1")]);
            Span<byte> length = stackalloc byte[sizeof(int)];
            BinaryPrimitives.WriteInt32LittleEndian(length, footer.WrittenCount);
            _stream.Write(footer.WrittenSpan);
            _stream.Write(length);
            _stream.Write(Magic);
        }
        finally
        {
            _pending?.Dispose();
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    public override string ToString() => $"events of {_tenant}";
}
