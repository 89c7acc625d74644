using System.Globalization;
using Clickcast.Events;
using Clickcast.Testing;
using Clickcast.Tests.Support;
using Microsoft.Win32.SafeHandles;
using Parquet;
using Parquet.Schema;

namespace Clickcast.Tests.Events;

/// <summary>
/// The events reader decodes the files <see cref="EventFileWriter"/> writes itself (<see cref="EventChunkDecoder"/>) and
/// leaves every other layout to Parquet.Net: either way it returns what Parquet.Net reads.
/// </summary>
public sealed class EventFileReaderTests
{
    [Fact]
    public async Task ReadIndexedAsync_OwnFile_ReturnsWhatParquetNetReads_WithEachStringsPoolIndex()
    {
        using var folder = new TempFolder();
        var path = folder.File("events.parquet");
        var events = Mixed(600_000);
        await EventFiles.WriteFileAsync(path, events);

        var pool = new StringPool();
        var read = new List<ClickEvent>();
        await foreach (var batch in EventFileReader.ReadIndexedAsync(path, pool, new EventFileReader.Buffers(), TestContext.Current.CancellationToken))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                read.Add(batch[i]);
                Assert.Same(batch.ClientIds[i], pool.Strings[batch.ClientIdIndexes[i]]);
                Assert.Same(batch.Urls[i], pool.Strings[batch.UrlIndexes[i]]);
                Assert.Same(batch.EventTypes[i], pool.Strings[batch.EventTypeIndexes[i]]);
            }
        }

        Assert.Equal(await ReadThroughParquetNetAsync(path), read);
        Assert.Equal(events, read);
        Assert.Equal(events.Count, await EventFileReader.CountAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ReadAsync_FromAGroup_ReturnsTheRowsFromThatGroupOn()
    {
        using var folder = new TempFolder();
        var path = folder.File("events.parquet");
        var events = Mixed((2 * EventFile.RowGroupSize) + 1_000);
        await EventFiles.WriteFileAsync(path, events);

        var starts = await EventFileReader.RowGroupStartsAsync(path, TestContext.Current.CancellationToken);
        var read = new List<ClickEvent>();
        await foreach (var batch in EventFileReader.ReadAsync(path, 1, new StringPool(), new EventFileReader.Buffers(), TestContext.Current.CancellationToken))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                read.Add(batch[i]);
            }
        }

        Assert.Equal(events.Skip((int)starts[1]), read);
    }

    [Fact]
    public async Task OwnFile_IsDecodedWithoutParquetNet_ColumnByColumn()
    {
        using var folder = new TempFolder();
        var path = folder.File("events.parquet");
        var events = Mixed(20_000);
        await EventFiles.WriteFileAsync(path, events);

        using var file = File.OpenHandle(path);
        var metadata = ReadMetadata(file);
        Assert.NotNull(metadata);
        var group = Assert.Single(metadata.RowGroups);
        var decoder = new EventChunkDecoder();
        var pool = new StringPool();
        var clients = new string[group.Rows];
        var urls = new string[group.Rows];
        var times = new long[group.Rows];
        Assert.True(decoder.TryReadStrings(file, group.ClientId, group.Rows, clients, [], pool));
        Assert.True(decoder.TryReadStrings(file, group.Url, group.Rows, urls, [], pool));
        Assert.True(decoder.TryReadInt64s(file, group.Timestamp, group.Rows, times));
        Assert.Equal(events.Select(e => e.ClientId), clients);
        Assert.Equal(events.Select(e => e.Url), urls);
        Assert.Equal(events.Select(e => e.TimestampMicros), times);

        // A string chunk is no INT64 chunk, nor the reverse: the decoder declines rather than misreads.
        Assert.False(decoder.TryReadInt64s(file, group.Url, group.Rows, times));
        Assert.False(decoder.TryReadStrings(file, group.Timestamp, group.Rows, clients, [], pool));
    }

    [Fact]
    public async Task ReadAsync_ParquetNetsFileWithPlainClientIds_DeclinesThoseChunks_AndReadsThroughParquetNet()
    {
        // Parquet.Net writes PLAIN strings when more than 80 % of a chunk's values are distinct: no dictionary to decode.
        using var folder = new TempFolder();
        var path = folder.File("events.parquet");
        var events = Enumerable.Range(0, 10_000).Select(i => new ClickEvent("c" + i.ToString(CultureInfo.InvariantCulture), 1_700_000_000_000_000L + i, "a.com/" + (i % 7).ToString(CultureInfo.InvariantCulture), "view")).ToList();
        await WriteWithParquetNetAsync(path, EventFile.Schema, events);

        using (var file = File.OpenHandle(path))
        {
            var metadata = ReadMetadata(file);
            Assert.NotNull(metadata);
            var group = Assert.Single(metadata.RowGroups);
            Assert.False(new EventChunkDecoder().TryReadStrings(file, group.ClientId, group.Rows, new string[group.Rows], [], new StringPool()));
        }

        Assert.Equal(events, await EventFiles.ReadFileAsync(path));
    }

    [Fact]
    public async Task ReadAsync_FileWithMillisecondTimes_IsNotOfTheOwnLayout_AndReadsThroughParquetNet()
    {
        using var folder = new TempFolder();
        var path = folder.File("events.parquet");
        var schema = new ParquetSchema(
            EventFile.Tenant,
            EventFile.ClientId,
            new DateTimeDataField("ts", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis, isNullable: false),
            EventFile.Url,
            EventFile.EventType);
        var events = Mixed(5_000).ConvertAll(e => e with { TimestampMicros = e.TimestampMicros / 1_000 * 1_000 });
        await WriteWithParquetNetAsync(path, schema, events);

        using (var file = File.OpenHandle(path))
        {
            Assert.Null(ReadMetadata(file));
        }

        Assert.Equal(events, await EventFiles.ReadFileAsync(path));
        Assert.Equal(events.Count, await EventFileReader.CountAsync(path, TestContext.Current.CancellationToken));
    }

    private static EventFileMetadata? ReadMetadata(SafeFileHandle file)
    {
        var length = RandomAccess.GetLength(file);
        var tail = new byte[8];
        RandomAccess.Read(file, tail, length - 8);
        var footer = new byte[BitConverter.ToInt32(tail, 0)];
        RandomAccess.Read(file, footer, length - 8 - footer.Length);
        return EventFileMetadata.Parse(footer);
    }



    private static async Task WriteWithParquetNetAsync(string path, ParquetSchema schema, IReadOnlyList<ClickEvent> events)
    {
        await using var stream = File.Create(path);
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, options, cancellationToken: TestContext.Current.CancellationToken);
        var fields = schema.GetDataFields();
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(fields[0], events.Select(_ => "bench").ToArray());
        await group.WriteAsync(fields[1], events.Select(e => e.ClientId).ToArray());
        await group.WriteAsync<DateTime>(fields[2], events.Select(e => EventFile.ToDateTime(e.TimestampMicros)).ToArray(), cancellationToken: TestContext.Current.CancellationToken);
        await group.WriteAsync(fields[3], events.Select(e => e.Url).ToArray());
        await group.WriteAsync(fields[4], events.Select(e => e.EventType).ToArray());
    }


    /// <summary>The events as Parquet.Net alone reads them.</summary>
    private static async Task<List<ClickEvent>> ReadThroughParquetNetAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
        var read = new List<ClickEvent>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            var clients = new string[count];
            var times = new DateTime[count];
            var urls = new string[count];
            var types = new string[count];
            await group.ReadAsync(EventFile.ClientId, clients, cancellationToken: TestContext.Current.CancellationToken);
            await group.ReadAsync<DateTime>(EventFile.Timestamp, times, cancellationToken: TestContext.Current.CancellationToken);
            await group.ReadAsync(EventFile.Url, urls, cancellationToken: TestContext.Current.CancellationToken);
            await group.ReadAsync(EventFile.EventType, types, cancellationToken: TestContext.Current.CancellationToken);
            for (var i = 0; i < count; i++)
            {
                read.Add(new ClickEvent(clients[i], EventFile.ToMicros(times[i]), urls[i], types[i]));
            }
        }

        return read;
    }

    private static List<ClickEvent> Mixed(int count) => EventFiles.Mixed(count, seed: 11, distinctUrls: 3_000, nonAsciiClients: true);
}
