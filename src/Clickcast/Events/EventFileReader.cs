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
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var metadata = ReadMetadata(file);
        if (metadata is null)
        {
            await foreach (var batch in ReadWithParquetNetAsync(path, firstGroup, pool, buffers, withIndexes, cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }

            yield break;
        }

        // Row groups the own decoder declines (another writer's page layout) are read through Parquet.Net.
        Stream? stream = null;
        ParquetReader? reader = null;
        try
        {
            for (var g = firstGroup; g < metadata.RowGroups.Count; g++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var group = metadata.RowGroups[g];
                var batch = Reset(buffers, group.Rows, withIndexes);
                if (!TryDecode(file, group, batch, pool, buffers.Decoder))
                {
                    if (reader is null)
                    {
                        stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                        reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                    }

                    await ReadGroupAsync(reader, g, pool, buffers, withIndexes, cancellationToken).ConfigureAwait(false);
                }

                batch.Count = group.Rows;
                yield return batch;
            }
        }
        finally
        {
            if (reader is not null)
            {
                await reader.DisposeAsync().ConfigureAwait(false);
            }

            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The file's footer when it is of the layout <see cref="EventChunkDecoder"/> reads, else null.</summary>
    private static EventFileMetadata? ReadMetadata(Microsoft.Win32.SafeHandles.SafeFileHandle file)
    {
        var length = RandomAccess.GetLength(file);
        Span<byte> tail = stackalloc byte[8];
        if (length < 12 || RandomAccess.Read(file, tail, length - 8) != 8 || !tail[4..].SequenceEqual("PAR1"u8))
        {
            return null;
        }

        var footerLength = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footerLength <= 0 || footerLength > length - 12)
        {
            return null;
        }

        var footer = System.Buffers.ArrayPool<byte>.Shared.Rent(footerLength);
        try
        {
            var span = footer.AsSpan(0, footerLength);
            var read = 0;
            while (read < footerLength)
            {
                var n = RandomAccess.Read(file, span[read..], length - 8 - footerLength + read);
                if (n == 0)
                {
                    return null;
                }

                read += n;
            }

            return EventFileMetadata.Parse(span);
        }
        catch (FormatException)
        {
            return null;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(footer);
        }
    }

    /// <summary>Decodes one row group's four columns into <paramref name="batch"/>; false when a chunk is not of the shape decoded here.</summary>
    private static bool TryDecode(Microsoft.Win32.SafeHandles.SafeFileHandle file, EventFileMetadata.RowGroup group, EventBatch batch, StringPool pool, EventChunkDecoder decoder)
    {
        try
        {
            var rows = group.Rows;
            return decoder.TryReadStrings(file, group.ClientId, rows, batch.ClientIds, batch.ClientIdIndexes, pool)
                && decoder.TryReadStrings(file, group.Url, rows, batch.Urls, batch.UrlIndexes, pool)
                && decoder.TryReadStrings(file, group.EventType, rows, batch.EventTypes, batch.EventTypeIndexes, pool)
                && decoder.TryReadInt64s(file, group.Timestamp, rows, batch.TimestampsMicros);
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException)
        {
            return false;
        }
    }

    private static EventBatch Reset(Buffers buffers, int count, bool withIndexes)
    {
        var batch = buffers.Batch;
        if (withIndexes)
        {
            batch.ResetWithIndexes(count);
        }
        else
        {
            batch.Reset(count);
        }

        return batch;
    }

    /// <summary>Reads every row group from <paramref name="firstGroup"/> on through Parquet.Net (files of other writers).</summary>
    private static async IAsyncEnumerable<EventBatch> ReadWithParquetNetAsync(string path, int firstGroup, StringPool pool, Buffers buffers, bool withIndexes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var g = firstGroup; g < reader.RowGroupCount; g++)
        {
            var batch = buffers.Batch;
            batch.Count = await ReadGroupAsync(reader, g, pool, buffers, withIndexes, cancellationToken).ConfigureAwait(false);
            yield return batch;
        }
    }

    /// <summary>Reads row group <paramref name="g"/> through Parquet.Net into the buffers' batch; returns its rows.</summary>
    private static async Task<int> ReadGroupAsync(ParquetReader reader, int g, StringPool pool, Buffers buffers, bool withIndexes, CancellationToken cancellationToken)
    {
        var schema = reader.Schema;
        using var group = reader.OpenRowGroupReader(g);
        var count = checked((int)group.RowCount);
        var batch = Reset(buffers, count, withIndexes);
        if (buffers.Times.Length < count)
        {
            buffers.Times = new DateTime[count];
            buffers.Text = new ReadOnlyMemory<char>[count];
        }

        var times = buffers.Times;
        var text = buffers.Text;
        await ReadStringsAsync(group, schema.FindDataField(EventFile.ClientId.Name), text, count, batch.ClientIds, batch.ClientIdIndexes, pool, cancellationToken).ConfigureAwait(false);
        await ReadStringsAsync(group, schema.FindDataField(EventFile.Url.Name), text, count, batch.Urls, batch.UrlIndexes, pool, cancellationToken).ConfigureAwait(false);
        await ReadStringsAsync(group, schema.FindDataField(EventFile.EventType.Name), text, count, batch.EventTypes, batch.EventTypeIndexes, pool, cancellationToken).ConfigureAwait(false);
        await group.ReadAsync<DateTime>(schema.FindDataField(EventFile.Timestamp.Name), times.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < count; i++)
        {
            batch.TimestampsMicros[i] = EventFile.ToMicros(times[i]);
        }

        return count;
    }

    /// <summary>Reads an events file without pooling strings (tests, small files).</summary>
    public static IAsyncEnumerable<EventBatch> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        ReadAsync(path, new StringPool(), cancellationToken);

    /// <summary>Events in the file, from its footer, without reading the data.</summary>
    public static async Task<long> CountAsync(string path, CancellationToken cancellationToken = default)
    {
        // The own footer parse: a sequence build counts every file first, and Parquet.Net's reader (its schema and
        // metadata objects) is not needed for the files read here.
        using (var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            if (ReadMetadata(file) is { } metadata)
            {
                return metadata.RowGroups.Sum(g => (long)g.Rows);
            }
        }

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

        /// <summary>The own decoder's buffers.</summary>
        public EventChunkDecoder Decoder { get; } = new();
    }
}
