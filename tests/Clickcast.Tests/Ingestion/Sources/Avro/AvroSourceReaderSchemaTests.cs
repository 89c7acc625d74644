using Avro;
using Avro.File;
using Avro.Generic;
using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Sources;
using Clickcast.Ingestion.Sources.Avro;

namespace Clickcast.Tests.Ingestion.Sources.Avro;

/// <summary>Schema shapes the decoder walks: nested records, unions in either order, arrays, maps, enums, fixed, recursion.</summary>
public sealed class AvroSourceReaderSchemaTests
{
    private const long Micros = AvroTestData.Millis * 1000;

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
