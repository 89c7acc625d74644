using Avro.File;
using Avro.Generic;
using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Sources;
using Clickcast.Ingestion.Sources.Avro;

namespace Clickcast.Tests.Ingestion.Sources.Avro;

/// <summary>Locating the shared Avro files, reading with our reader, and reading with Apache.Avro as the oracle.</summary>
internal static class AvroTestData
{
    public const int SharedFileRecords = 9_999;

    /// <summary>A file under <c>../shared/data/avro</c> (integration tests only: it fails when the shared data is missing).</summary>
    public static string SharedFile(string name) => SharedData.File(Path.Combine("avro", name));

    /// <summary>A committed fixture next to these tests.</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Ingestion", "Sources", "Avro", "Fixtures", name);

    /// <summary>A small flat schema: nullable client id and URL, millisecond time, nullable user agent.</summary>
    public const string FlatSchema = """
        {"type":"record","name":"E","namespace":"test","fields":[
          {"name":"client_id","type":["null","string"]},
          {"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"}},
          {"name":"url","type":["null","string"]},
          {"name":"user_agent","type":["null","string"]}]}
        """;

    /// <summary>2015-05-17T10:05:03Z in milliseconds.</summary>
    public const long Millis = 1_431_857_103_000;

    /// <summary>Writes a container with our writer; <paramref name="write"/> encodes record i.</summary>
    public static byte[] Write(string schemaJson, AvroCodec codec, int records, Action<AvroBinaryWriter, int> write, int recordsPerBlock = 4096)
    {
        var output = new MemoryStream();
        using (var writer = new AvroContainerWriter(output, schemaJson, codec, new AvroContainerWriterOptions { RecordsPerBlock = recordsPerBlock, LeaveOpen = true }))
        {
            for (var i = 0; i < records; i++)
            {
                write(writer.Encoder, i);
                writer.EndRecord();
            }
        }

        return output.ToArray();
    }

    /// <summary>Encodes one record of <see cref="FlatSchema"/>.</summary>
    public static void WriteFlat(AvroBinaryWriter record, string? clientId, long millis, string? url, string? userAgent = null)
    {
        record.WriteNullableString(clientId);
        record.WriteLong(millis);
        record.WriteNullableString(url);
        record.WriteNullableString(userAgent);
    }

    /// <summary>A file of <see cref="FlatSchema"/> records, every field valid.</summary>
    public static byte[] FlatFile(AvroCodec codec, int records, int recordsPerBlock = 4096) =>
        Write(FlatSchema, codec, records, (r, i) => WriteFlat(r, $"client-{i % 7}", Millis + i, $"https://example.com/p/{i}", "Mozilla/5.0"), recordsPerBlock);

    /// <summary>Assembles a container by hand, for corrupt files: header, then each block's count, size, bytes and sync marker.</summary>
    public static byte[] Container(string schemaJson, string? codec, params (long Count, byte[] Data)[] blocks)
    {
        var w = new AvroBinaryWriter();
        w.WriteFixed("Obj\u0001"u8);
        w.WriteMapBlock(codec is null ? 1 : 2);
        w.WriteString("avro.schema");
        w.WriteBytes(System.Text.Encoding.UTF8.GetBytes(schemaJson));
        if (codec is not null)
        {
            w.WriteString("avro.codec");
            w.WriteBytes(System.Text.Encoding.UTF8.GetBytes(codec));
        }

        w.WriteMapEnd();
        w.WriteFixed(Sync);
        foreach (var (count, data) in blocks)
        {
            w.WriteLong(count);
            w.WriteLong(data.Length);
            w.WriteFixed(data);
            w.WriteFixed(Sync);
        }

        return w.WrittenSpan.ToArray();
    }

    /// <summary>The sync marker of hand-assembled containers.</summary>
    public static byte[] Sync { get; } = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];

    /// <summary>Encodes records into raw block bytes.</summary>
    public static byte[] Records(int count, Action<AvroBinaryWriter, int> write)
    {
        var w = new AvroBinaryWriter();
        for (var i = 0; i < count; i++)
        {
            write(w, i);
        }

        return w.WrittenSpan.ToArray();
    }

    public static SourceReadContext Context(string name = "test.avro", FieldMappingOptions? mapping = null, IngestLimits? limits = null) =>
        new(name, mapping ?? new FieldMappingOptions(), limits ?? new IngestLimits());

    public static List<SourceRecord> Read(byte[] file, SourceReadContext? context = null) =>
        Read(new MemoryStream(file), context);

    /// <summary>The rows as they describe events (a context without <see cref="SourceReadContext.UrlOutcomes"/> gives none).</summary>
    public static List<SourceRecord> Read(Stream file, SourceReadContext? context = null) =>
        [.. new AvroSourceReader().Read(file, context ?? Context())];

    /// <summary>
    /// The rows Apache.Avro's <see cref="DataFileReader{T}"/> sees, turned into <see cref="SourceRecord"/>s the
    /// obvious way: the expected output for files whose rows are all valid.
    /// </summary>
    public static List<SourceRecord> ReadWithApache(Stream file, ResolvedFieldMapping mapping)
    {
        AvroTestCodecs.EnsureRegistered();
        using var reader = DataFileReader<GenericRecord>.OpenReader(file, true);
        var rows = new List<SourceRecord>();
        long row = 0;
        while (reader.HasNext())
        {
            var record = reader.Next();
            rows.Add(new SourceRecord(
                ++row,
                Text(Get(record, mapping.ClientId)),
                Micros(Get(record, mapping.Timestamp)),
                Text(Get(record, mapping.Url)),
                Text(Get(record, mapping.EventType)),
                Text(Get(record, mapping.Referrer)),
                Text(Get(record, mapping.UserAgent)),
                DropReason.None));
        }

        return rows;
    }

    /// <summary>Reads a value by dotted path through nested records.</summary>
    public static object? Get(GenericRecord record, string? path)
    {
        if (path is null)
        {
            return null;
        }

        object? current = record;
        foreach (var part in path.Split('.'))
        {
            if (current is not GenericRecord nested || !nested.TryGetValue(part, out current))
            {
                return null;
            }
        }

        return current;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        GenericEnum e => e.Value,
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static long Micros(object? value) => value switch
    {
        DateTime time => ((time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time).Ticks - DateTime.UnixEpoch.Ticks) / 10,
        _ => throw new InvalidOperationException($"Unexpected timestamp value {value}"),
    };
}
