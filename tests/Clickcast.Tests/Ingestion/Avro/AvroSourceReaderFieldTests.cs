using Avro;
using Avro.File;
using Avro.Generic;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Avro;

namespace Clickcast.Tests.Ingestion.Avro;

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

    [Fact]
    public void Read_StringFirstUnionsAndEnumEventType_Decoded()
    {
        const string Schema = """
            {"type":"record","name":"R","fields":[
              {"name":"visitor_id","type":["string","null"]},
              {"name":"event","type":{"type":"enum","name":"Kind","symbols":["view","click"]}},
              {"name":"time","type":{"type":"long","logicalType":"timestamp-micros"}},
              {"name":"page_url","type":["string","null"]}]}
            """;
        var file = AvroTestData.Write(Schema, AvroCodec.Snappy, 2, (w, i) =>
        {
            w.WriteNullableString(i == 0 ? "v1" : null, nullBranch: 1);
            w.WriteEnum(i);
            w.WriteLong(Micros);
            w.WriteNullableString("https://x/", nullBranch: 1);
        });

        var rows = AvroTestData.Read(file);

        Assert.Equal(new SourceRecord(1, "v1", Micros, "https://x/", "view", null, null, DropReason.None), rows[0]);
        Assert.Equal(DropReason.MissingClientId, rows[1].Problem);
    }

    [Fact]
    public void Read_EveryComplexTypeWrittenByApacheAvro_SkippedAndMappedFieldsRead()
    {
        var schema = (RecordSchema)Schema.Parse(KitchenSinkSchema);
        var output = new MemoryStream();
        using (var writer = DataFileWriter<GenericRecord>.OpenWriter(new GenericDatumWriter<GenericRecord>(schema), output, Codec.CreateCodec(Codec.Type.Deflate), true))
        {
            for (var i = 0; i < 300; i++)
            {
                writer.Append(KitchenSinkRecord(schema, i));
            }
        }

        var context = AvroTestData.Context(mapping: new FieldMappingOptions { Timestamp = "when" });
        var rows = AvroTestData.Read(output.ToArray(), context);

        Assert.Equal(new ResolvedFieldMapping("who.cid", "when", "ctx.page.url", "event_type", "ctx.page.ref", "ctx.ua"), context.ResolvedMapping);
        Assert.Equal(300, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var expected = i % 5 == 4
                ? SourceRecord.Dropped(i + 1, DropReason.MissingUrl)
                : new SourceRecord(i + 1, $"c{i}", Micros + (i * 1000), $"https://x/{i}", i % 2 == 0 ? "A" : "C", i % 3 == 0 ? null : "https://r/", i % 2 == 0 ? "ua" : null, DropReason.None);
            Assert.Equal(expected, rows[i]);
        }
    }

    [Fact]
    public void Read_NegativeBlockCountsInArraysAndMaps_SkippedBySize()
    {
        const string Schema = """
            {"type":"record","name":"R","fields":[
              {"name":"tags","type":{"type":"array","items":"string"}},
              {"name":"props","type":{"type":"map","values":"long"}},
              {"name":"nulls","type":{"type":"array","items":"null"}},
              {"name":"client_id","type":"string"},{"name":"ts","type":"long"},{"name":"url","type":"string"}]}
            """;
        var file = AvroTestData.Write(Schema, AvroCodec.Null, 2, (w, i) =>
        {
            var items = new AvroBinaryWriter();
            items.WriteString("a");
            items.WriteString("bc");
            w.WriteLong(-2);
            w.WriteLong(items.Length);
            w.WriteFixed(items.WrittenSpan);
            w.WriteArrayBlock(1);
            w.WriteString("d");
            w.WriteArrayEnd();
            w.WriteLong(-1);
            w.WriteLong(3);
            w.WriteString("k");
            w.WriteLong(7);
            w.WriteMapEnd();
            w.WriteLong(1_000_000_000);
            w.WriteArrayEnd();
            w.WriteString($"c{i}");
            w.WriteLong(AvroTestData.Millis);
            w.WriteString("https://x/");
        });

        Assert.Equal(["c0", "c1"], AvroTestData.Read(file).Select(r => r.ClientId));
    }

    [Fact]
    public void Read_RecursiveSchema_SkipsNestedCopies()
    {
        const string Schema = """
            {"type":"record","name":"Node","fields":[
              {"name":"client_id","type":"string"},{"name":"ts","type":"long"},{"name":"url","type":"string"},
              {"name":"next","type":["null","Node"]}]}
            """;
        var file = AvroTestData.Write(Schema, AvroCodec.Null, 2, (w, i) =>
        {
            for (var depth = 0; depth < 3; depth++)
            {
                w.WriteString($"c{i}");
                w.WriteLong(AvroTestData.Millis);
                w.WriteString($"https://x/{depth}");
                w.WriteUnionIndex(depth < 2 ? 1 : 0);
            }
        });

        var rows = AvroTestData.Read(file);

        Assert.Equal(["https://x/0", "https://x/0"], rows.Select(r => r.Url));
    }

    [Fact]
    public void Read_RecursionDeeperThanLimit_ThrowsInsteadOfOverflowingTheStack()
    {
        const string Schema = """
            {"type":"record","name":"Node","fields":[
              {"name":"client_id","type":"string"},{"name":"ts","type":"long"},{"name":"url","type":"string"},
              {"name":"next","type":["null","Node"]}]}
            """;
        var file = AvroTestData.Write(Schema, AvroCodec.Deflate, 1, (w, i) =>
        {
            for (var depth = 0; depth < 100_000; depth++)
            {
                w.WriteString("c");
                w.WriteLong(1);
                w.WriteString("u");
                w.WriteUnionIndex(1);
            }
        });

        var ex = Assert.Throws<SourceFormatException>(() => AvroTestData.Read(file));
        Assert.Equal(1, ex.Row);
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

    private const string KitchenSinkSchema = """
        {"type":"record","name":"Everything","namespace":"test","fields":[
          {"name":"id","type":{"type":"fixed","name":"Id","size":16}},
          {"name":"flag","type":"boolean"},
          {"name":"event_type","type":{"type":"enum","name":"Kind","symbols":["A","B","C"]}},
          {"name":"tags","type":{"type":"array","items":"string"}},
          {"name":"scores","type":{"type":"map","values":"double"}},
          {"name":"f","type":"float"},
          {"name":"d","type":"double"},
          {"name":"bin","type":"bytes"},
          {"name":"who","type":{"type":"record","name":"Who","fields":[{"name":"cid","type":["string","null"]},{"name":"kind","type":"Kind"}]}},
          {"name":"items","type":{"type":"array","items":{"type":"record","name":"Item","fields":[{"name":"name","type":"string"},{"name":"n","type":"int"},{"name":"who","type":["null","Who"]}]}}},
          {"name":"when","type":{"type":"long","logicalType":"timestamp-millis"}},
          {"name":"ctx","type":["null",{"type":"record","name":"Ctx","fields":[
            {"name":"ua","type":["string","null"]},
            {"name":"page","type":{"type":"record","name":"Page","fields":[{"name":"url","type":"string"},{"name":"ref","type":["null","string"]}]}}]}]},
          {"name":"tail","type":{"type":"map","values":{"type":"array","items":"long"}}}]}
        """;

    private static GenericRecord KitchenSinkRecord(RecordSchema schema, int i)
    {
        Schema Field(RecordSchema record, string name) => record.Fields.Single(f => f.Name == name).Schema;
        var kind = (EnumSchema)Field(schema, "event_type");
        var who = (RecordSchema)Field(schema, "who");
        var item = (RecordSchema)((ArraySchema)Field(schema, "items")).ItemSchema;
        var ctx = (RecordSchema)((UnionSchema)Field(schema, "ctx")).Schemas[1];
        var page = (RecordSchema)Field(ctx, "page");

        var whoValue = new GenericRecord(who);
        whoValue.Add("cid", $"c{i}");
        whoValue.Add("kind", new GenericEnum(kind, "B"));
        var items = Enumerable.Range(0, i % 4).Select(n =>
        {
            var value = new GenericRecord(item);
            value.Add("name", new string('n', n * 50));
            value.Add("n", -n * 100_000);
            value.Add("who", n % 2 == 0 ? null : whoValue);
            return (object)value;
        }).ToArray();
        var record = new GenericRecord(schema);
        record.Add("id", new GenericFixed((FixedSchema)Field(schema, "id"), [.. Enumerable.Repeat((byte)i, 16)]));
        record.Add("flag", i % 2 == 0);
        record.Add("event_type", new GenericEnum(kind, i % 2 == 0 ? "A" : "C"));
        record.Add("tags", Enumerable.Range(0, i % 3).Select(n => (object)$"tag{n}").ToArray());
        record.Add("scores", Enumerable.Range(0, i % 5).ToDictionary(n => $"s{n}", n => (object)(n * 1.5)));
        record.Add("f", i * 0.25f);
        record.Add("d", i * -0.5);
        record.Add("bin", Enumerable.Repeat((byte)0xFF, i % 200).ToArray());
        record.Add("who", whoValue);
        record.Add("items", items);
        record.Add("when", DateTime.UnixEpoch.AddMilliseconds(AvroTestData.Millis + i));
        if (i % 5 == 4)
        {
            record.Add("ctx", null);
        }
        else
        {
            var pageValue = new GenericRecord(page);
            pageValue.Add("url", $"https://x/{i}");
            pageValue.Add("ref", i % 3 == 0 ? null : "https://r/");
            var ctxValue = new GenericRecord(ctx);
            ctxValue.Add("ua", i % 2 == 0 ? "ua" : null);
            ctxValue.Add("page", pageValue);
            record.Add("ctx", ctxValue);
        }

        record.Add("tail", new Dictionary<string, object> { ["t"] = new object[] { (long)i, long.MinValue, long.MaxValue } });
        return record;
    }
}
