using System.Globalization;
using Clickcast.Ingestion.Sources.Avro;

namespace Clickcast.Generation;

/// <summary>Writes a synthetic clickstream as CDP-style Avro files, one per day, with the flat event schema.</summary>
public static class ClickstreamFiles
{
    /// <summary>The flat CDP event schema (the same fields as the shared sample files).</summary>
    public const string Schema = """
        {"type": "record", "name": "ClickEvent", "namespace": "cdp.events", "fields": [
          {"name": "event_id", "type": "string"},
          {"name": "client_id", "type": "string"},
          {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-millis"}},
          {"name": "event_type", "type": "string"},
          {"name": "url", "type": "string"},
          {"name": "referrer", "type": ["null", "string"], "default": null},
          {"name": "user_agent", "type": ["null", "string"], "default": null}
        ]}
        """;

    /// <summary>
    /// Generates the clickstream and writes <c>events-YYYY-MM-DD.avro</c> files (deflate) into <paramref name="folder"/>.
    /// Returns the files written and the number of events. Same options, same bytes.
    /// </summary>
    public static (IReadOnlyList<string> Files, long Events) Write(GeneratorOptions options, string folder)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(folder);
        var writers = new Dictionary<int, (FileStream Stream, AvroContainerWriter Writer)>();
        var sync = new byte[16];
        new Random(options.Seed).NextBytes(sync);
        long events = 0;
        try
        {
            new ClickstreamGenerator(options).Generate(click =>
            {
                if (!writers.TryGetValue(click.Day, out var open))
                {
                    var day = options.Start.AddDays(click.Day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    var stream = new FileStream(Path.Combine(folder, $"events-{day}.avro"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                    open = (stream, new AvroContainerWriter(stream, Schema, AvroCodec.Deflate, new AvroContainerWriterOptions { SyncMarker = sync, LeaveOpen = true }));
                    writers.Add(click.Day, open);
                }

                var record = open.Writer.Encoder;
                record.WriteString(click.EventId);
                record.WriteString(click.ClientId);
                record.WriteLong(click.TimestampMillis);
                record.WriteString(click.EventType);
                record.WriteString(click.Url);
                record.WriteNullableString(click.Referrer);
                record.WriteNullableString(click.UserAgent);
                open.Writer.EndRecord();
                events++;
            });
        }
        finally
        {
            foreach (var (stream, writer) in writers.Values)
            {
                writer.Dispose();
                stream.Dispose();
            }
        }

        var files = writers.OrderBy(p => p.Key).Select(p => p.Value.Stream.Name).ToList();
        return (files, events);
    }
}
