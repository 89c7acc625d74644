using System.Globalization;
using Clickcast.Events;
using Clickcast.Testing;
using Clickcast.Tests.Support;
using Parquet;
using Parquet.Schema;

namespace Clickcast.Tests.Events;

/// <summary>The events files <see cref="EventFileWriter"/> encodes itself read back as Parquet.Net's writer would have written them.</summary>
public sealed class EventFileWriterParquetTests
{
    [Fact]
    public async Task WrittenFile_ReadsBackThroughParquetNet_AsTheSameRowsAndSchema_AsParquetNetsOwnWriter()
    {
        using var folder = new TempFolder();
        var events = Mixed(300_000);
        var ours = folder.File("ours.parquet");
        await EventFiles.WriteFileAsync(ours, events);
        var theirs = folder.File("theirs.parquet");
        await WriteWithParquetNetAsync(theirs, events);

        var (oursSchema, oursRows) = await ReadGenericAsync(ours);
        var (theirsSchema, theirsRows) = await ReadGenericAsync(theirs);

        Assert.Equal(theirsSchema, oursSchema);
        Assert.Equal(events.Count, oursRows.Count);
        Assert.Equal(theirsRows, oursRows);
        Assert.Equal(events, await EventFiles.ReadFileAsync(ours));
    }

    [Fact]
    public async Task MostlyDistinctClientIds_AreStillDictionaryEncoded()
    {
        // Parquet.Net falls back to PLAIN when more than 80 % of a chunk's values are distinct; a reader of events
        // files recognises a repeated value by its dictionary slice, so every string column keeps its dictionary.
        using var folder = new TempFolder();
        var path = folder.File("events.parquet");
        var events = Enumerable.Range(0, 10_000).Select(i => new ClickEvent("c" + i.ToString(CultureInfo.InvariantCulture), i, "a.com/", "view")).ToList();
        await EventFiles.WriteFileAsync(path, events);

        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
        var clientChunk = reader.Metadata!.RowGroups[0].Columns[1].MetaData!;
        Assert.Contains(Parquet.Meta.Encoding.PLAIN_DICTIONARY, clientChunk.Encodings);
        Assert.NotNull(clientChunk.DictionaryPageOffset);
        Assert.Equal("bench", reader.CustomMetadata["clickcast.tenant"]);
        Assert.Equal("events/1", reader.CustomMetadata["clickcast.layout"]);
    }

    [Fact]
    public async Task AFileWithoutEvents_HasNoRowGroups_AndCountsZero()
    {
        using var folder = new TempFolder();
        var path = folder.File("empty.parquet");
        await EventFiles.WriteFileAsync(path, []);

        Assert.Equal(0, await EventFileReader.CountAsync(path, TestContext.Current.CancellationToken));
        Assert.Empty(await EventFiles.ReadFileAsync(path));
    }



    /// <summary>The events as Parquet.Net writes them with the events schema: the reference the files used to be.</summary>
    private static async Task WriteWithParquetNetAsync(string path, IReadOnlyList<ClickEvent> events)
    {
        await using var stream = File.Create(path);
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        await using var writer = await ParquetWriter.CreateAsync(EventFile.Schema, stream, options, cancellationToken: TestContext.Current.CancellationToken);
        for (var start = 0; start < events.Count; start += EventFile.RowGroupSize)
        {
            var slice = events.Skip(start).Take(EventFile.RowGroupSize).ToList();
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(EventFile.Tenant, slice.ConvertAll(_ => "bench"));
            await group.WriteAsync(EventFile.ClientId, slice.ConvertAll(e => e.ClientId));
            await group.WriteAsync<DateTime>(EventFile.Timestamp, slice.Select(e => EventFile.ToDateTime(e.TimestampMicros)).ToArray(), cancellationToken: TestContext.Current.CancellationToken);
            await group.WriteAsync(EventFile.Url, slice.ConvertAll(e => e.Url));
            await group.WriteAsync(EventFile.EventType, slice.ConvertAll(e => e.EventType));
        }
    }

    /// <summary>The schema as Parquet.Net reads it (field names, types, nullability, timestamp unit) and every row as text.</summary>
    private static async Task<(List<string> Schema, List<string> Rows)> ReadGenericAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
        var fields = reader.Schema.GetDataFields();
        var schema = fields.Select(f => f is DateTimeDataField d
            ? $"{f.Name} {f.ClrType.Name} {f.IsNullable} {d.DateTimeFormat} {d.Unit} {d.IsAdjustedToUTC}"
            : $"{f.Name} {f.ClrType.Name} {f.IsNullable}").ToList();
        var rows = new List<string>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            var columns = new List<string[]>();
            foreach (var field in fields)
            {
                if (field is DateTimeDataField)
                {
                    var times = new DateTime[count];
                    await group.ReadAsync<DateTime>(field, times, cancellationToken: TestContext.Current.CancellationToken);
                    columns.Add(Array.ConvertAll(times, t => t.Ticks.ToString(CultureInfo.InvariantCulture) + t.Kind));
                }
                else
                {
                    var values = new string[count];
                    await group.ReadAsync(field, values, cancellationToken: TestContext.Current.CancellationToken);
                    columns.Add(values);
                }
            }

            for (var r = 0; r < count; r++)
            {
                rows.Add(string.Join('|', columns.Select(c => c[r])));
            }
        }

        return (schema, rows);
    }

    private static List<ClickEvent> Mixed(int count) => EventFiles.Mixed(count, seed: 7, distinctUrls: 1_500, nonAsciiClients: false);
}
