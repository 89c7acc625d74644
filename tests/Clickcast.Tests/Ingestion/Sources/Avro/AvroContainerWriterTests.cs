using Avro.File;
using Avro.Generic;
using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Sources;
using Clickcast.Ingestion.Sources.Avro;

namespace Clickcast.Tests.Ingestion.Sources.Avro;

/// <summary>What our writer produces must read back identically through Apache.Avro and through our reader.</summary>
public sealed class AvroContainerWriterTests
{
    private const int Records = 5_000;

    private const string Schema = """
        {"type":"record","name":"ClickEvent","namespace":"synthetic","fields":[
          {"name":"client_id","type":"string"},
          {"name":"ts","type":{"type":"long","logicalType":"timestamp-micros"}},
          {"name":"event_type","type":"string"},
          {"name":"url","type":"string"},
          {"name":"referrer","type":["null","string"]},
          {"name":"user_agent","type":["string","null"]},
          {"name":"session","type":"int"}]}
        """;

    [Theory]
    [InlineData("null")]
    [InlineData("deflate")]
    [InlineData("snappy")]
    [InlineData("zstandard")]
    public void Write_Codec_ApacheAvroReadsIdenticalRecords(string codecName)
    {
        var codec = Codec(codecName);
        var file = WriteEvents(codec);

        AvroTestCodecs.EnsureRegistered();
        using var reader = DataFileReader<GenericRecord>.OpenReader(new MemoryStream(file));
        Assert.Equal(AvroCompression.NameOf(codec), reader.GetMetaString("avro.codec"));
        var i = 0;
        while (reader.HasNext())
        {
            var record = reader.Next();
            var expected = Event(i);
            Assert.Equal(expected.ClientId, record["client_id"]);
            Assert.Equal(DateTime.UnixEpoch.AddTicks(expected.TimestampMicros * 10), record["ts"]);
            Assert.Equal(expected.EventType, record["event_type"]);
            Assert.Equal(expected.Url, record["url"]);
            Assert.Equal(expected.Referrer, record["referrer"]);
            Assert.Equal(expected.UserAgent, record["user_agent"]);
            Assert.Equal(i / 10, record["session"]);
            i++;
        }

        Assert.Equal(Records, i);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("deflate")]
    [InlineData("snappy")]
    [InlineData("zstandard")]
    public void Write_Codec_OurReaderReadsIdenticalRecords(string codecName)
    {
        var rows = AvroTestData.Read(WriteEvents(Codec(codecName)));
        Assert.Equal(Enumerable.Range(0, Records).Select(Event), rows);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(21)]
    [InlineData(43)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(8191)]
    [InlineData(8192)]
    [InlineData(100_000)]
    public void Write_StringsAroundLengthPrefixBoundaries_RoundTrip(int length)
    {
        string[] values = [new string('a', length), new string('é', length), string.Concat(Enumerable.Repeat("€😀", length / 3))];
        const string StringsSchema = """{"type":"record","name":"S","fields":[{"name":"a","type":"string"},{"name":"b","type":"string"},{"name":"c","type":"string"}]}""";
        var output = new MemoryStream();
        using (var writer = new AvroContainerWriter(output, StringsSchema, AvroCodec.Null, new AvroContainerWriterOptions { LeaveOpen = true }))
        {
            foreach (var value in values)
            {
                writer.Encoder.WriteString(value);
            }

            writer.EndRecord();
        }

        using var reader = DataFileReader<GenericRecord>.OpenReader(new MemoryStream(output.ToArray()));
        var record = reader.Next();
        Assert.Equal(values, new[] { record["a"], record["b"], record["c"] });
    }

    [Fact]
    public void Write_LoneSurrogate_BecomesReplacementCharacter()
    {
        var writer = new AvroBinaryWriter();
        writer.WriteString("a\uD800b");
        Assert.Equal([0x0A, (byte)'a', 0xEF, 0xBF, 0xBD, (byte)'b'], writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Write_FixedSyncMarker_IsByteForByteReproducible()
    {
        var options = new AvroContainerWriterOptions { SyncMarker = AvroTestData.Sync, LeaveOpen = true };
        Assert.Equal(WriteEvents(AvroCodec.Snappy, options), WriteEvents(AvroCodec.Snappy, options));
        Assert.NotEqual(WriteEvents(AvroCodec.Snappy), WriteEvents(AvroCodec.Snappy));
    }

    [Fact]
    public void Write_RecordsPerBlock_SplitsIntoBlocks()
    {
        var file = AvroTestData.FlatFile(AvroCodec.Deflate, 10, recordsPerBlock: 3);

        var blocks = new AvroBlockReader(new MemoryStream(file), "x.avro");
        blocks.ReadHeader();
        var counts = new List<long>();
        while (blocks.TryReadBlock(out var block))
        {
            counts.Add(block.Count);
        }

        Assert.Equal([3L, 3L, 3L, 1L], counts);
    }

    [Fact]
    public void Dispose_RecordNotEnded_IsNotWritten()
    {
        var output = new MemoryStream();
        using (var writer = new AvroContainerWriter(output, AvroTestData.FlatSchema, AvroCodec.Null, new AvroContainerWriterOptions { LeaveOpen = true }))
        {
            AvroTestData.WriteFlat(writer.Encoder, "a", AvroTestData.Millis, "https://x/");
            writer.EndRecord();
            writer.Encoder.WriteNullableString("half a record");
            writer.Flush();
            writer.Encoder.WriteLong(AvroTestData.Millis);
            writer.Encoder.WriteNullableString("https://y/");
            writer.Encoder.WriteNullableString(null);
            writer.EndRecord();
            writer.Encoder.WriteNullableString("never ended");
        }

        var rows = AvroTestData.Read(output.ToArray());

        Assert.Equal(["a", "half a record"], rows.Select(r => r.ClientId));
    }

    [Fact]
    public void Constructor_InvalidSchema_Throws()
    {
        Assert.Throws<ArgumentException>(() => new AvroContainerWriter(new MemoryStream(), "{\"type\":\"nope\"}", AvroCodec.Null));
        Assert.Throws<ArgumentException>(() => new AvroContainerWriter(new MemoryStream(), "{\"type\":\"record\",\"name\":\"R\"}", AvroCodec.Null));
        Assert.Throws<ArgumentException>(() => new AvroContainerWriter(new MemoryStream(), Schema, AvroCodec.Null, new AvroContainerWriterOptions { SyncMarker = [1, 2] }));
    }

    [Theory]
    [InlineData(0L, new byte[] { 0x00 })]
    [InlineData(-1L, new byte[] { 0x01 })]
    [InlineData(1L, new byte[] { 0x02 })]
    [InlineData(-2L, new byte[] { 0x03 })]
    [InlineData(-64L, new byte[] { 0x7F })]
    [InlineData(64L, new byte[] { 0x80, 0x01 })]
    [InlineData(long.MaxValue, new byte[] { 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    [InlineData(long.MinValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void WriteLong_SpecExamples_ZigZagVarintsThatReadBack(long value, byte[] expected)
    {
        var writer = new AvroBinaryWriter();
        writer.WriteLong(value);

        Assert.Equal(expected, writer.WrittenSpan.ToArray());
        var cursor = new AvroCursor(writer.WrittenSpan, 0);
        Assert.Equal(value, cursor.ReadLong());
    }

    private static AvroCodec Codec(string name) =>
        AvroCompression.TryParse(name, out var codec) ? codec : throw new ArgumentException(name, nameof(name));

    private static byte[] WriteEvents(AvroCodec codec, AvroContainerWriterOptions? options = null)
    {
        var output = new MemoryStream();
        using (var writer = new AvroContainerWriter(output, Schema, codec, options ?? new AvroContainerWriterOptions { RecordsPerBlock = 1000, LeaveOpen = true }))
        {
            for (var i = 0; i < Records; i++)
            {
                var e = Event(i);
                var record = writer.Encoder;
                record.WriteString(e.ClientId);
                record.WriteLong(e.TimestampMicros);
                record.WriteString(e.EventType);
                record.WriteString(e.Url);
                record.WriteNullableString(e.Referrer);
                record.WriteNullableString(e.UserAgent, nullBranch: 1);
                record.WriteInt(i / 10);
                writer.EndRecord();
            }
        }

        return output.ToArray();
    }

    private static SourceRecord Event(int i) => new(
        i + 1,
        $"client-{i % 1000}",
        1_431_857_103_000_000 + (i * 1_000L),
        i % 10 == 0 ? "click" : "page_view",
        $"https://shop.example.com/p/{i % 500}?q=é",
        i % 3 == 0 ? null : "https://www.google.com/",
        i % 7 == 0 ? null : "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        DropReason.None);
}
