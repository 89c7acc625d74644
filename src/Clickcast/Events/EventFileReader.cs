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
    public static async IAsyncEnumerable<EventBatch> ReadAsync(string path, StringPool pool, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pool);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        var schema = reader.Schema;
        var clientField = schema.FindDataField(EventFile.ClientId.Name);
        var timeField = schema.FindDataField(EventFile.Timestamp.Name);
        var urlField = schema.FindDataField(EventFile.Url.Name);
        var typeField = schema.FindDataField(EventFile.EventType.Name);
        var batch = new EventBatch(0);
        var times = Array.Empty<DateTime>();
        var text = Array.Empty<ReadOnlyMemory<char>>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            batch.Reset(count);
            if (times.Length < count)
            {
                times = new DateTime[count];
                text = new ReadOnlyMemory<char>[count];
            }

            await ReadStringsAsync(group, clientField, text, count, batch.ClientIds, pool, cancellationToken).ConfigureAwait(false);
            await ReadStringsAsync(group, urlField, text, count, batch.Urls, pool, cancellationToken).ConfigureAwait(false);
            await ReadStringsAsync(group, typeField, text, count, batch.EventTypes, pool, cancellationToken).ConfigureAwait(false);
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

    private static async Task ReadStringsAsync(ParquetRowGroupReader group, Parquet.Schema.DataField field, ReadOnlyMemory<char>[] buffer, int count, string[] target, StringPool pool, CancellationToken cancellationToken)
    {
        await group.ReadRawAsync<ReadOnlyMemory<char>>(field, buffer.AsMemory(0, count), null, null, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < count; i++)
        {
            target[i] = pool.Get(buffer[i].Span);
        }
    }
}
