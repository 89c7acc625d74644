using Parquet;

namespace Clickcast.Events;

/// <summary>Reads an events Parquet file row group by row group.</summary>
internal static class EventFileReader
{
    /// <summary>Reads every row group of <paramref name="path"/> into a fresh or reused batch.</summary>
    public static async IAsyncEnumerable<EventBatch> ReadAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        var schema = reader.Schema;
        var clientField = schema.FindDataField(EventFile.ClientId.Name);
        var timeField = schema.FindDataField(EventFile.Timestamp.Name);
        var urlField = schema.FindDataField(EventFile.Url.Name);
        var typeField = schema.FindDataField(EventFile.EventType.Name);
        var batch = new EventBatch(0);
        var times = Array.Empty<DateTime>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            batch.Reset(count);
            if (times.Length < count)
            {
                times = new DateTime[count];
            }

            await group.ReadAsync(clientField, batch.ClientIds.AsMemory(0, count)!, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync<DateTime>(timeField, times.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(urlField, batch.Urls.AsMemory(0, count)!, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(typeField, batch.EventTypes.AsMemory(0, count)!, cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                batch.TimestampsMicros[i] = EventFile.ToMicros(times[i]);
            }

            batch.Count = count;
            yield return batch;
        }
    }
}
