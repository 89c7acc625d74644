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
    private readonly List<ClientSequence> _pending = [];
    private int _pendingEvents;
    private ClientSequence? _last;

    // Column buffers reused across row groups (and, when the build passes its scratch set, across segments).
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

    public async ValueTask AddAsync(ClientSequence sequence, CancellationToken cancellationToken)
    {
        if (_last is not null && SequenceOrder.CompareClients(_last.ClientHash, _last.ClientId, sequence.ClientHash, sequence.ClientId) >= 0)
        {
            throw new InvalidOperationException($"Segment rows must be in (hash, id) order: '{sequence.ClientId}' came after '{_last.ClientId}'.");
        }

        _last = sequence;
        _pending.Add(sequence);
        _pendingEvents += sequence.Length;
        Clients++;
        Events += sequence.Length;
        MinHash = Math.Min(MinHash, sequence.ClientHash);
        MaxHash = Math.Max(MaxHash, sequence.ClientHash);
        LastEventMicros = Math.Max(LastEventMicros, sequence.LastEventMicros);
        if (_pending.Count >= SegmentFile.ClientsPerRowGroup || _pendingEvents >= MaxEventsPerRowGroup)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        var rows = _pending.Count;
        if (rows == 0)
        {
            return;
        }

        var hashes = new long[rows];
        var ids = new string[rows];
        var firsts = new DateTime[rows];
        var lasts = new DateTime[rows];
        var counts = new long[rows];
        var generations = new long[rows];
        var values = _pendingEvents;
        _columns.EnsureCapacity(values);
        var urls = _columns.Urls;
        var times = _columns.Times;
        var types = _columns.Types;
        var deltas = _columns.Deltas;
        var repetition = _columns.Repetition;
        var position = 0;
        for (var r = 0; r < rows; r++)
        {
            var sequence = _pending[r];
            hashes[r] = unchecked((long)sequence.ClientHash);
            ids[r] = sequence.ClientId;
            firsts[r] = Clickcast.Events.EventFile.ToDateTime(sequence.FirstEventMicros);
            lasts[r] = Clickcast.Events.EventFile.ToDateTime(sequence.LastEventMicros);
            counts[r] = sequence.EventCount;
            generations[r] = sequence.UpdatedGeneration;
            for (var e = 0; e < sequence.Length; e++, position++)
            {
                urls[position] = sequence.UrlArray[e].AsMemory();
                times[position] = sequence.TimestampArray[e];
                types[position] = sequence.EventTypeArray[e].AsMemory();
                deltas[position] = e == 0 ? 0f : (sequence.TimestampArray[e] - sequence.TimestampArray[e - 1]) / 1_000_000f;
                repetition[position] = e == 0 ? 0 : 1;
            }
        }

        // Every kept sequence has at least one event, so every list value is present at the deepest level.
        var stringDefinition = _columns.StringDefinition.AsMemory(0, values);
        var numberDefinition = _columns.NumberDefinition.AsMemory(0, values);
        var floatDefinition = _columns.FloatDefinition.AsMemory(0, values);
        using (var group = _writer.CreateRowGroup())
        {
            await group.WriteAsync<long>(SegmentFile.ClientHash, hashes, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync(SegmentFile.ClientId, ids).ConfigureAwait(false);
            await group.WriteAsync<DateTime>(SegmentFile.FirstEvent, firsts, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<DateTime>(SegmentFile.LastEvent, lasts, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<long>(SegmentFile.EventCount, counts, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<long>(SegmentFile.UpdatedGeneration, generations, cancellationToken: cancellationToken).ConfigureAwait(false);
            var levels = repetition.AsMemory(0, values);
            await group.WriteAllPartsAsync<ReadOnlyMemory<char>>(SegmentFile.UrlItem, urls.AsMemory(0, values), stringDefinition, levels, cancellationToken).ConfigureAwait(false);
            await group.WriteAllPartsAsync<long>(SegmentFile.TimeItem, times.AsMemory(0, values), numberDefinition, levels, cancellationToken).ConfigureAwait(false);
            await group.WriteAllPartsAsync<ReadOnlyMemory<char>>(SegmentFile.TypeItem, types.AsMemory(0, values), stringDefinition, levels, cancellationToken).ConfigureAwait(false);
            await group.WriteAllPartsAsync<float>(SegmentFile.DeltaItem, deltas.AsMemory(0, values), floatDefinition, levels, cancellationToken).ConfigureAwait(false);
        }

        _columns.Clear(values);
        _pending.Clear();
        _pendingEvents = 0;
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
