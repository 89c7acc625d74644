using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Sources;
using Clickcast.Ingestion.Sources.Avro;

namespace Clickcast.Tests.Ingestion.Sources.Avro;

/// <summary>How field values become row values or drop reasons, and how schema shapes are walked.</summary>
public sealed class AvroSourceReaderFieldTests
{
    private const long Micros = AvroTestData.Millis * 1000;

    [Fact]
    public void Read_InvalidUtf8InUrl_DropsThatRowOnly()
    {
        var file = AvroTestData.Write(AvroTestData.FlatSchema, AvroCodec.Null, 3, (w, i) =>
        {
            w.WriteNullableString("client");
            w.WriteLong(AvroTestData.Millis);
            w.WriteUnionIndex(1);
            w.WriteString(i == 1 ? [(byte)'h', 0xC3, 0x28] : "https://x/"u8);
            w.WriteNullableString(null);
        });

        var rows = AvroTestData.Read(file);

        Assert.Equal([DropReason.None, DropReason.InvalidUtf8, DropReason.None], rows.Select(r => r.Problem));
        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.Row));
    }

    [Fact]
    public void Read_RepeatedUrls_OneInstanceAndOneOutcomeAskedPerUrl()
    {
        string[] urls = ["https://x/a", "https://x/b", "https://x/a", "https://x/c", "https://x/b", "https://x/a"];
        var file = AvroTestData.Write(AvroTestData.FlatSchema, AvroCodec.Null, urls.Length, (w, i) => AvroTestData.WriteFlat(w, "client", AvroTestData.Millis, urls[i]));
        var asked = new List<string>();
        var context = new SourceReadContext("test.avro", new FieldMappingOptions(), new IngestLimits())
        {
            UrlOutcomes = url =>
            {
                asked.Add(url);
                return new UrlOutcome(url.EndsWith('c') ? string.Empty : "token " + url, url.EndsWith('c') ? DropReason.StaticAsset : DropReason.None);
            },
        };

        var rows = new AvroSourceReader().Read(new MemoryStream(file), context).ToList();

        Assert.Equal(urls, rows.Select(r => r.Url));
        Assert.Equal(["https://x/a", "https://x/b", "https://x/c"], asked);
        foreach (var group in rows.GroupBy(r => r.Url))
        {
            Assert.All(group, r => Assert.Same(group.First().Url, r.Url));
        }

        Assert.All(rows, r => Assert.Equal(r.Url!.EndsWith('c') ? new UrlOutcome(string.Empty, DropReason.StaticAsset) : new UrlOutcome("token " + r.Url, DropReason.None), r.UrlOutcome));
        Assert.All(AvroTestData.Read(file), r => Assert.False(r.UrlOutcome.IsKnown));
    }

    [Fact]
    public void Read_InvalidUtf8InClientId_Dropped()
    {
        var file = AvroTestData.Write(AvroTestData.FlatSchema, AvroCodec.Null, 1, (w, i) =>
        {
            w.WriteUnionIndex(1);
            w.WriteString([0xFF, 0xFE]);
            w.WriteLong(AvroTestData.Millis);
            w.WriteNullableString("https://x/");
            w.WriteNullableString(null);
        });

        Assert.Equal(DropReason.InvalidUtf8, AvroTestData.Read(file).Single().Problem);
    }

    [Theory]
    [InlineData(0, DropReason.ClientIdTooLong)]
    [InlineData(2, DropReason.UrlTooLong)]
    [InlineData(3, DropReason.MalformedRecord)]
    public void Read_StringLongerThanMaxRecordBytes_DropsRowNotFile(int field, DropReason expected)
    {
        var huge = new string('a', 5000);
        var limits = new IngestLimits { MaxRecordBytes = 1024, MaxClientIdLength = 100_000, MaxUrlLength = 1_000_000 };
        var file = AvroTestData.Write(AvroTestData.FlatSchema, AvroCodec.Deflate, 2, (w, i) => AvroTestData.WriteFlat(
            w,
            i == 0 && field == 0 ? huge : "client",
            AvroTestData.Millis,
            i == 0 && field == 2 ? huge : "https://x/",
            i == 0 && field == 3 ? huge : "ua"));

        var rows = AvroTestData.Read(file, AvroTestData.Context(limits: limits));

        Assert.Equal([expected, DropReason.None], rows.Select(r => r.Problem));
    }

    [Fact]
    public void Read_ClientIdLongerThanLimit_ClientIdTooLong()
    {
        var file = AvroTestData.Write(AvroTestData.FlatSchema, AvroCodec.Null, 1, (w, i) => AvroTestData.WriteFlat(w, new string('c', 20), AvroTestData.Millis, "https://x/"));
        var rows = AvroTestData.Read(file, AvroTestData.Context(limits: new IngestLimits { MaxClientIdLength = 10 }));
        Assert.Equal(DropReason.ClientIdTooLong, rows.Single().Problem);
    }

    [Fact]
    public void Read_MissingValues_DropWithTheirReasons()
    {
        var file = AvroTestData.Write(AvroTestData.FlatSchema, AvroCodec.Null, 4, (w, i) => AvroTestData.WriteFlat(
            w,
            i switch { 0 => null, 1 => string.Empty, _ => "client" },
            i == 3 ? 5 : AvroTestData.Millis,
            i == 2 ? null : "https://x/"));

        var rows = AvroTestData.Read(file);

        Assert.Equal(
            [DropReason.MissingClientId, DropReason.MissingClientId, DropReason.MissingUrl, DropReason.InvalidTimestamp],
            rows.Select(r => r.Problem));
    }

    [Theory]
    [InlineData("timestamp-millis", AvroTestData.Millis)]
    [InlineData("timestamp-micros", Micros)]
    [InlineData("timestamp-nanos", Micros * 1000)]
    public void Read_TimestampLogicalTypes_ConvertToMicros(string logicalType, long value)
    {
        var rows = ReadOneTime($$"""{"type":"long","logicalType":"{{logicalType}}"}""", w => w.WriteLong(value));
        Assert.Equal(DropReason.None, rows.Problem);
        Assert.Equal(Micros, rows.TimestampMicros);
    }

    [Fact]
    public void Read_LocalTimestamp_ReadInConfiguredZone()
    {
        // 13:05:03 on Moscow's wall clock (UTC+3) is 10:05:03Z.
        var mapping = new FieldMappingOptions { Time = new TimestampOptions { TimeZone = "Europe/Moscow" } };
        var row = ReadOneTime("""{"type":"long","logicalType":"local-timestamp-millis"}""", w => w.WriteLong(AvroTestData.Millis + (3 * 3_600_000)), mapping);
        Assert.Equal(Micros, row.TimestampMicros);
    }

    [Theory]
    [InlineData("2015-05-17T10:05:03Z")]
    [InlineData("2015-05-17T13:05:03+03:00")]
    [InlineData("1431857103")]
    public void Read_TextTimestamp_Parsed(string text)
    {
        var row = ReadOneTime("\"string\"", w => w.WriteString(text));
        Assert.Equal(DropReason.None, row.Problem);
        Assert.Equal(Micros, row.TimestampMicros);
    }

    [Fact]
    public void Read_PlainLongAndDouble_UseEpochUnitDetection()
    {
        Assert.Equal(Micros, ReadOneTime("\"long\"", w => w.WriteLong(1_431_857_103)).TimestampMicros);
        Assert.Equal(Micros, ReadOneTime("\"long\"", w => w.WriteLong(AvroTestData.Millis)).TimestampMicros);
        Assert.Equal(Micros + 500_000, ReadOneTime("\"double\"", w => w.WriteDouble(1_431_857_103.5)).TimestampMicros);
    }

    [Fact]
    public void Read_NullAndUnparseableTimestamps_Dropped()
    {
        Assert.Equal(DropReason.MissingTimestamp, ReadOneTime("""["null","long"]""", w => w.WriteUnionIndex(0)).Problem);
        Assert.Equal(DropReason.InvalidTimestamp, ReadOneTime("\"string\"", w => w.WriteString("yesterday")).Problem);
        Assert.Equal(DropReason.InvalidTimestamp, ReadOneTime("""{"type":"long","logicalType":"timestamp-millis"}""", w => w.WriteLong(long.MaxValue)).Problem);
        Assert.Equal(DropReason.InvalidUtf8, ReadOneTime("\"string\"", w => w.WriteString([0xC3])).Problem);
    }

    [Fact]
    public void Read_NumericClientIds_FormattedInvariant()
    {
        const string Schema = """
            {"type":"record","name":"R","fields":[{"name":"uid","type":["long","int","string"]},{"name":"ts","type":"long"},{"name":"url","type":"string"}]}
            """;
        var file = AvroTestData.Write(Schema, AvroCodec.Null, 3, (w, i) =>
        {
            w.WriteUnionIndex(i);
            if (i == 0)
            {
                w.WriteLong(-12_345_678_901);
            }
            else if (i == 1)
            {
                w.WriteInt(42);
            }
            else
            {
                w.WriteString("x");
            }

            w.WriteLong(AvroTestData.Millis);
            w.WriteString("https://x/");
        });

        Assert.Equal(["-12345678901", "42", "x"], AvroTestData.Read(file).Select(r => r.ClientId));
    }

    private static SourceRecord ReadOneTime(string timeType, Action<AvroBinaryWriter> writeTime, FieldMappingOptions? mapping = null)
    {
        var schema = $$"""{"type":"record","name":"R","fields":[{"name":"client_id","type":"string"},{"name":"ts","type":{{timeType}}},{"name":"url","type":"string"}]}""";
        var file = AvroTestData.Write(schema, AvroCodec.Null, 1, (w, i) =>
        {
            w.WriteString("client");
            writeTime(w);
            w.WriteString("https://x/");
        });
        return AvroTestData.Read(file, AvroTestData.Context(mapping: mapping)).Single();
    }
}
