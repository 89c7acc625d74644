using System.Runtime.CompilerServices;
using Clickcast.Events;
using Parquet;
using Parquet.Schema;

namespace Clickcast.Sequences;

/// <summary>Streams the client sequences of one segment file in segment order, a row group at a time.</summary>
internal static class SegmentReader
{
    public static async IAsyncEnumerable<ClientSequence> ReadAsync(string path, StringPool pool, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        var fields = reader.Schema.DataFields;
        DataField Field(string path) => fields.FirstOrDefault(f => f.Path.ToString() == path)
            ?? throw new InvalidDataException($"{path} is not a sequence segment of this layout: it has no column '{path}'. Rebuild the sequences.");
        var hashField = Field("client_hash");
        var idField = Field("client_id");
        var firstField = Field("first_ts");
        var lastField = Field("last_ts");
        var countField = Field("event_count");
        var generationField = fields.FirstOrDefault(f => f.Path.ToString() == "updated_generation");
        var urlField = Field(SegmentFile.UrlItem.Path.ToString());
        var timeField = Field(SegmentFile.TimeItem.Path.ToString());
        var typeField = Field(SegmentFile.TypeItem.Path.ToString());

        // Column buffers reused across row groups (the per-client arrays handed out are fresh).
        var urls = Array.Empty<ReadOnlyMemory<char>>();
        var times = Array.Empty<long>();
        var types = Array.Empty<ReadOnlyMemory<char>>();
        var repetition = Array.Empty<int>();
        var definition = Array.Empty<int>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var rows = checked((int)group.RowCount);
            var hashes = new long[rows];
            var ids = new string?[rows];
            var firsts = new DateTime[rows];
            var lasts = new DateTime[rows];
            var counts = new long[rows];
            var generations = new long[rows];
            if (generationField is not null)
            {
                await group.ReadAsync<long>(generationField, generations, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            await group.ReadAsync<long>(hashField, hashes, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(idField, ids.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync<DateTime>(firstField, firsts, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync<DateTime>(lastField, lasts, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync<long>(countField, counts, cancellationToken: cancellationToken).ConfigureAwait(false);

            var values = checked((int)(group.GetMetadata(urlField)?.MetaData?.NumValues ?? 0));
            if (urls.Length < values)
            {
                urls = new ReadOnlyMemory<char>[values];
                times = new long[values];
                types = new ReadOnlyMemory<char>[values];
                repetition = new int[values];
                definition = new int[values];
            }

            await group.ReadRawAsync<ReadOnlyMemory<char>>(urlField, urls.AsMemory(0, values), definition.AsMemory(0, values), repetition.AsMemory(0, values), cancellationToken).ConfigureAwait(false);
            await group.ReadRawAsync<long>(timeField, times.AsMemory(0, values), definition.AsMemory(0, values), repetition.AsMemory(0, values), cancellationToken).ConfigureAwait(false);
            await group.ReadRawAsync<ReadOnlyMemory<char>>(typeField, types.AsMemory(0, values), definition.AsMemory(0, values), repetition.AsMemory(0, values), cancellationToken).ConfigureAwait(false);

            var position = 0;
            for (var r = 0; r < rows; r++)
            {
                var start = position;
                position++;
                while (position < values && repetition[position] == 1)
                {
                    position++;
                }

                var length = position - start;
                var rowUrls = new string[length];
                var rowTypes = new string[length];
                for (var e = 0; e < length; e++)
                {
                    rowUrls[e] = pool.Get(urls[start + e].Span);
                    rowTypes[e] = pool.Get(types[start + e].Span);
                }

                yield return new ClientSequence(
                    ids[r]!,
                    unchecked((ulong)hashes[r]),
                    rowUrls,
                    times.AsSpan(start, length).ToArray(),
                    rowTypes,
                    Events.EventFile.ToMicros(firsts[r]),
                    Events.EventFile.ToMicros(lasts[r]),
                    counts[r],
                    generations[r]);
            }
        }
    }
}
