using System.Runtime.CompilerServices;
using Parquet;

namespace Clickcast.Events;

/// <summary>Reads an events Parquet file row group by row group.</summary>
internal static class EventFileReader
{
    /// <summary>
    /// Reads every row group of <paramref name="path"/>. Strings go through <paramref name="pool"/>, so the
    /// repeated client ids, URLs and types of a file cost one allocation each. The same batch object is reused:
    /// consume it before asking for the next.
    /// </summary>
    public static IAsyncEnumerable<EventBatch> ReadAsync(string path, StringPool pool, CancellationToken cancellationToken = default) =>
        ReadAsync(path, 0, pool, new Buffers(), withIndexes: false, cancellationToken);

    /// <summary>
    /// Reads every row group of <paramref name="path"/> like <see cref="ReadAsync(string, StringPool, CancellationToken)"/>,
    /// reusing <paramref name="buffers"/> from file to file.
    /// </summary>
    public static IAsyncEnumerable<EventBatch> ReadAsync(string path, StringPool pool, Buffers buffers, CancellationToken cancellationToken = default) =>
        ReadAsync(path, 0, pool, buffers, withIndexes: false, cancellationToken);

    /// <summary>
    /// Reads the row groups of <paramref name="path"/> from <paramref name="firstGroup"/> on (see
    /// <see cref="RowGroupStartsAsync"/>) like <see cref="ReadAsync(string, StringPool, Buffers, CancellationToken)"/>.
    /// </summary>
    public static IAsyncEnumerable<EventBatch> ReadAsync(string path, int firstGroup, StringPool pool, Buffers buffers, CancellationToken cancellationToken = default) =>
        ReadAsync(path, firstGroup, pool, buffers, withIndexes: false, cancellationToken);

    /// <summary>The first row of each row group of <paramref name="path"/>, from its footer, without reading the data.</summary>
    public static async Task<long[]> RowGroupStartsAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        var starts = new long[reader.RowGroupCount];
        for (var g = 1; g < starts.Length; g++)
        {
            starts[g] = starts[g - 1] + reader.Metadata!.RowGroups[g - 1].NumRows;
        }

        return starts;
    }

    /// <summary>
    /// Reads every row group of <paramref name="path"/> like <see cref="ReadAsync(string, StringPool, CancellationToken)"/>,
    /// also filling the batch's string indexes into <paramref name="pool"/>, and reusing <paramref name="buffers"/>
    /// from file to file.
    /// </summary>
    public static IAsyncEnumerable<EventBatch> ReadIndexedAsync(string path, StringPool pool, Buffers buffers, CancellationToken cancellationToken = default) =>
        ReadAsync(path, 0, pool, buffers, withIndexes: true, cancellationToken);

    private static async IAsyncEnumerable<EventBatch> ReadAsync(string path, int firstGroup, StringPool pool, Buffers buffers, bool withIndexes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pool);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        var schema = reader.Schema;
        var clientField = schema.FindDataField(EventFile.ClientId.Name);
        var timeField = schema.FindDataField(EventFile.Timestamp.Name);
        var urlField = schema.FindDataField(EventFile.Url.Name);
        var typeField = schema.FindDataField(EventFile.EventType.Name);
        var batch = buffers.Batch;
        for (var g = firstGroup; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            if (withIndexes)
            {
                batch.ResetWithIndexes(count);
            }
            else
            {
                batch.Reset(count);
            }

            if (buffers.Times.Length < count)
            {
                buffers.Times = new DateTime[count];
                buffers.Text = new ReadOnlyMemory<char>[count];
            }

            var times = buffers.Times;
            var text = buffers.Text;

            await ReadStringsAsync(group, clientField, text, count, batch.ClientIds, batch.ClientIdIndexes, pool, cancellationToken).ConfigureAwait(false);
            await ReadStringsAsync(group, urlField, text, count, batch.Urls, batch.UrlIndexes, pool, cancellationToken).ConfigureAwait(false);
            await ReadStringsAsync(group, typeField, text, count, batch.EventTypes, batch.EventTypeIndexes, pool, cancellationToken).ConfigureAwait(false);
            await group.ReadAsync<DateTime>(timeField, times.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                batch.TimestampsMicros[i] = EventFile.ToMicros(times[i]);
            }

            batch.Count = count;
            yield return batch;
        }
    }

    /// <summary>Reads an events file without pooling strings (tests, small files).</summary>
    public static IAsyncEnumerable<EventBatch> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        ReadAsync(path, new StringPool(), cancellationToken);

    /// <summary>Events in the file, from its footer, without reading the data.</summary>
    public static async Task<long> CountAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        return reader.Metadata?.NumRows ?? 0;
    }

    /// <summary>Reads a string column into <paramref name="target"/>, and the strings' pool indexes into <paramref name="indexes"/> unless it is empty.</summary>
    private static async Task ReadStringsAsync(ParquetRowGroupReader group, Parquet.Schema.DataField field, ReadOnlyMemory<char>[] buffer, int count, string[] target, int[] indexes, StringPool pool, CancellationToken cancellationToken)
    {
        await group.ReadRawAsync<ReadOnlyMemory<char>>(field, buffer.AsMemory(0, count), null, null, cancellationToken).ConfigureAwait(false);
        // Dictionary-encoded values come back as slices of the column's dictionary, so a value repeating the one
        // before it (an event type nearly always does, a client id within its run of events) is recognised by
        // identity, without hashing its text.
        var withIndexes = indexes.Length != 0;
        var previous = default(ReadOnlyMemory<char>);
        for (var i = 0; i < count; i++)
        {
            var value = buffer[i];
            if (i > 0 && value.Equals(previous))
            {
                target[i] = target[i - 1];
                if (withIndexes)
                {
                    indexes[i] = indexes[i - 1];
                }

                continue;
            }

            target[i] = withIndexes ? pool.Get(value.Span, out indexes[i]) : pool.Get(value.Span);
            previous = value;
        }
    }

    /// <summary>
    /// A reader's batch and decode arrays. A row group of half a million events needs ~40 MB of them; a reader
    /// going through many files keeps one set rather than leaving that much large-object garbage per file.
    /// </summary>
    internal sealed class Buffers
    {
        public EventBatch Batch { get; } = new(0);

        public DateTime[] Times { get; set; } = [];

        public ReadOnlyMemory<char>[] Text { get; set; } = [];
    }
}
