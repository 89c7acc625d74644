using Clickcast.Events;
using Parquet;

namespace Clickcast.Sequences;

/// <summary>Writes client sequences, already in segment order, to one segment file.</summary>
internal sealed class SegmentWriter : IAsyncDisposable
{
    /// <summary>Events per row group at most, so a row group of long sequences stays small in memory.</summary>
    private const int MaxEventsPerRowGroup = 1_000_000;

    private readonly Stream _stream;
    private readonly ParquetWriter _writer;
    private int _rows;
    private int _values;
    private string? _lastId;
    private ulong _lastHash;

    // The pending row group, column by column (reused across row groups and, when the build passes its scratch
    // set, across segments).
    private readonly SegmentColumns _columns;

    private SegmentWriter(Stream stream, ParquetWriter writer, SegmentColumns columns)
    {
        _stream = stream;
        _writer = writer;
        _columns = columns;
    }

    /// <summary>Clients written.</summary>
    public long Clients { get; private set; }

    /// <summary>Events written (kept events, not totals).</summary>
    public long Events { get; private set; }

    /// <summary>Latest event time written.</summary>
    public long LastEventMicros { get; private set; }

    /// <summary>Smallest client hash written.</summary>
    public ulong MinHash { get; private set; } = ulong.MaxValue;

    /// <summary>Largest client hash written.</summary>
    public ulong MaxHash { get; private set; }

    public static Task<SegmentWriter> CreateAsync(string path, CancellationToken cancellationToken) => CreateAsync(path, new SegmentColumns(), cancellationToken);

    /// <summary>A writer that uses <paramref name="columns"/>'s buffers; one writer at a time may use them.</summary>
    public static async Task<SegmentWriter> CreateAsync(string path, SegmentColumns columns, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        try
        {
            var writer = await ParquetWriter.CreateAsync(SegmentFile.Schema, stream, SegmentFile.WriteOptions(), cancellationToken: cancellationToken).ConfigureAwait(false);
            writer.CustomMetadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["clickcast.layout"] = "sequences/1" };
            return new SegmentWriter(stream, writer, columns);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask AddAsync(ClientSequence sequence, CancellationToken cancellationToken) =>
        AddAsync(SegmentRow.Of(sequence), SegmentEvents.Of(sequence), cancellationToken);

    /// <summary>
    /// Adds one client's row. Its events are read where <paramref name="events"/> says at the next flush (when the
    /// row group is full, or at the end), so they must stay unchanged until then; nothing is copied per client.
    /// </summary>
    public ValueTask AddAsync(SegmentRow row, SegmentEvents events, CancellationToken cancellationToken)
    {
        if (_lastId is not null && SequenceOrder.CompareClients(_lastHash, _lastId, row.ClientHash, row.ClientId) >= 0)
        {
            throw new InvalidOperationException($"Segment rows must be in (hash, id) order: '{row.ClientId}' came after '{_lastId}'.");
        }

        _lastHash = row.ClientHash;
        _lastId = row.ClientId;
        var r = _rows;
        var columns = _columns;
        columns.Hashes[r] = unchecked((long)row.ClientHash);
        columns.Ids[r] = row.ClientId;
        columns.Firsts[r] = Clickcast.Events.EventFile.ToDateTime(row.FirstEventMicros);
        columns.Lasts[r] = Clickcast.Events.EventFile.ToDateTime(row.LastEventMicros);
        columns.Counts[r] = row.EventCount;
        columns.Generations[r] = row.UpdatedGeneration;
        columns.Sources[r] = events;
        _rows++;
        _values += events.Length;
        Clients++;
        Events += events.Length;
        MinHash = Math.Min(MinHash, row.ClientHash);
        MaxHash = Math.Max(MaxHash, row.ClientHash);
        LastEventMicros = Math.Max(LastEventMicros, row.LastEventMicros);
        return _rows >= SegmentFile.ClientsPerRowGroup || _values >= MaxEventsPerRowGroup ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        var rows = _rows;
        if (rows == 0)
        {
            return;
        }

        var values = _values;
        var columns = _columns;
        columns.Gather(rows, values);

        // Every kept sequence has at least one event, so every list value is present at the deepest level.
        var stringDefinition = columns.StringDefinition.AsMemory(0, values);
        var numberDefinition = columns.NumberDefinition.AsMemory(0, values);
        var floatDefinition = columns.FloatDefinition.AsMemory(0, values);
        using (var group = _writer.CreateRowGroup())
        {
            await group.WriteAsync<long>(SegmentFile.ClientHash, columns.Hashes.AsMemory(0, rows), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync(SegmentFile.ClientId, new ArraySegment<string>(columns.Ids, 0, rows)).ConfigureAwait(false);
            await group.WriteAsync<DateTime>(SegmentFile.FirstEvent, columns.Firsts.AsMemory(0, rows), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<DateTime>(SegmentFile.LastEvent, columns.Lasts.AsMemory(0, rows), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<long>(SegmentFile.EventCount, columns.Counts.AsMemory(0, rows), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<long>(SegmentFile.UpdatedGeneration, columns.Generations.AsMemory(0, rows), cancellationToken: cancellationToken).ConfigureAwait(false);
            var levels = columns.Repetition.AsMemory(0, values);
            await group.WriteAllPartsAsync<ReadOnlyMemory<char>>(SegmentFile.UrlItem, columns.Urls.AsMemory(0, values), stringDefinition, levels, cancellationToken).ConfigureAwait(false);
            await group.WriteAllPartsAsync<long>(SegmentFile.TimeItem, columns.Times.AsMemory(0, values), numberDefinition, levels, cancellationToken).ConfigureAwait(false);
            await group.WriteAllPartsAsync<ReadOnlyMemory<char>>(SegmentFile.TypeItem, columns.Types.AsMemory(0, values), stringDefinition, levels, cancellationToken).ConfigureAwait(false);
            await group.WriteAllPartsAsync<float>(SegmentFile.DeltaItem, columns.Deltas.AsMemory(0, values), floatDefinition, levels, cancellationToken).ConfigureAwait(false);
        }

        columns.Clear(rows, values);
        _rows = 0;
        _values = 0;
    }

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
}
