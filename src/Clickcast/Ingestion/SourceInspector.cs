using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clickcast.Events;
using Clickcast.Ingestion.Sources;
using Clickcast.Ingestion.Sources.Avro;
using Clickcast.Ingestion.Urls;
using Clickcast.Storage;

namespace Clickcast.Ingestion;

/// <summary>
/// Reads the head of a local file the way ingest would, without writing anything: the first thing to run on a new
/// source (<c>clickcast ingest --inspect FILE</c>).
/// </summary>
public static class SourceInspector
{
    /// <summary>Rows read at most for the counts.</summary>
    public const int MaxRows = 10_000;

    /// <summary>Inspects <paramref name="path"/> under <paramref name="options"/>; never throws for file problems (they are in <see cref="SourceInspection.Error"/>).</summary>
    public static async Task<SourceInspection> InspectAsync(string path, IngestOptions options, int samples = 5, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        var name = Path.GetFileName(path);
        IReadOnlyList<string> fields = [];
        var mappingOptions = CopyMapping(options.Mapping);
        mappingOptions.FieldsSeen = seen => fields = [.. seen];
        var result = new SourceInspection { File = path };
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var head = new byte[8];
            var headLength = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            if (headLength == 0)
            {
                return result with { Error = "the file is empty (0 bytes)" };
            }

            var gzip = SourceFormats.IsGzip(name, head.AsSpan(0, headLength));
            var format = options.Format != SourceFormat.Auto ? options.Format : SourceFormats.Detect(name, head.AsSpan(0, headLength));
            result = result with { Format = format, Gzip = gzip };
            if (format == SourceFormat.Auto)
            {
                return result with { Error = "unknown format: name the file .avro, .parquet, .csv, .tsv, .jsonl or .log, or set ingest.format" };
            }

            if (options.Mapping.Columns.Count > 0 && format is not (SourceFormat.Csv or SourceFormat.Tsv))
            {
                return result with { Error = $"Mapping.Columns names the columns of headerless CSV or TSV files; this file is {format}" };
            }

            if (format == SourceFormat.Avro)
            {
                using var headerReader = new AvroBlockReader(file, name);
                var header = headerReader.ReadHeader();
                result = result with { Codec = header.Codec.ToString().ToLowerInvariant(), Schema = header.Schema.ToString() };
                file.Position = 0;
            }

            Stream content = gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;
            await using var _ = content.ConfigureAwait(false);
            var context = new SourceReadContext(name, mappingOptions, options.Limits);
            var reader = SourceFormats.CreateReader(format, options);
            var urls = new UrlNormalizer(options.Urls);
            var bots = new BotFilter(options.Bots);
            var rows = new List<InspectedRow>();
            var dropped = new Dictionary<DropReason, long>();
            long read = 0, kept = 0;
            var opaque = options.Mapping.UrlKind == UrlFieldKind.Token;
            foreach (var source in reader.Read(content, context))
            {
                cancellationToken.ThrowIfCancellationRequested();
                read++;
                var reason = source.Problem;
                string? token = null;
                var url = opaque ? source.Url?.Trim() : source.Url;
                if (reason == DropReason.None && url!.Length > options.Limits.MaxUrlLength)
                {
                    reason = DropReason.UrlTooLong;
                }

                if (reason == DropReason.None && bots.IsBot(source.UserAgent))
                {
                    reason = DropReason.Bot;
                }

                if (reason == DropReason.None)
                {
                    if (opaque)
                    {
                        token = url;
                        reason = OpaqueToken.Check(url!);
                    }
                    else if (!urls.TryNormalize(url!, out token, out reason))
                    {
                        token = null;
                    }
                }

                if (reason == DropReason.None)
                {
                    kept++;
                }
                else
                {
                    dropped[reason] = dropped.GetValueOrDefault(reason) + 1;
                }

                if (rows.Count < samples)
                {
                    var time = source.Problem == DropReason.None ? DateTimeOffset.FromUnixTimeMilliseconds(source.TimestampMicros / 1000) : (DateTimeOffset?)null;
                    var type = string.IsNullOrWhiteSpace(source.EventType) ? options.DefaultEventType : source.EventType;
                    rows.Add(new InspectedRow(source.Row, source.ClientId, time, source.Url, reason == DropReason.None ? token : null, type, reason));
                }

                if (read >= MaxRows)
                {
                    break;
                }
            }

            var mapping = context.ResolvedMapping;
            var bad = dropped.Where(p => Ingestor.IsBadRow(p.Key)).Sum(p => p.Value);
            string? error = null;
            if (options.BadRows == BadRowPolicy.QuarantineFile && bad > 0)
            {
                error = $"{bad} bad row(s) and ingest.badRows is QuarantineFile";
            }
            else if (read > 0 && bad > options.MaxBadRowShare * read)
            {
                error = $"{bad} of {read} rows are unreadable, more than ingest.maxBadRowShare ({options.MaxBadRowShare:P0}); check the field mapping"
                    + (dropped.GetValueOrDefault(DropReason.InvalidUrl) * 2 > bad ? Ingestor.InvalidUrlHint : string.Empty);
            }

            return result with
            {
                Error = error,
                Fields = fields,
                Mapping = mapping,
                Samples = rows,
                RowsRead = read,
                RowsKept = kept,
                Dropped = dropped,
                SuggestedMapping = mapping is null ? null : Suggest(mapping, options.Mapping),
            };
        }
        catch (SourceFormatException ex)
        {
            return result with { Fields = fields, Error = ex.Message };
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or EndOfStreamException && !cancellationToken.IsCancellationRequested)
        {
            return result with { Fields = fields, Error = $"{name}: {ex.Message}" };
        }
    }

    private static FieldMappingOptions CopyMapping(FieldMappingOptions mapping) => new()
    {
        ClientId = mapping.ClientId,
        Timestamp = mapping.Timestamp,
        Url = mapping.Url,
        EventType = mapping.EventType,
        Referrer = mapping.Referrer,
        UserAgent = mapping.UserAgent,
        UrlKind = mapping.UrlKind,
        Columns = mapping.Columns,
        Time = mapping.Time,
    };

    private static string Suggest(ResolvedFieldMapping mapping, FieldMappingOptions options)
    {
        var node = new JsonObject();
        if (options.Columns.Count > 0)
        {
            node["columns"] = new JsonArray([.. options.Columns.Select(c => JsonValue.Create(c))]);
        }

        node["clientId"] = mapping.ClientId;
        node["timestamp"] = mapping.Timestamp;
        node["url"] = mapping.Url;
        if (options.UrlKind != UrlFieldKind.Url)
        {
            node["urlKind"] = options.UrlKind.ToString();
        }

        if (mapping.EventType is not null)
        {
            node["eventType"] = mapping.EventType;
        }

        if (mapping.Referrer is not null)
        {
            node["referrer"] = mapping.Referrer;
        }

        if (mapping.UserAgent is not null)
        {
            node["userAgent"] = mapping.UserAgent;
        }

        node["time"] = JsonSerializer.SerializeToNode(options.Time, ClickcastJson.Options);
        return new JsonObject { ["ingest"] = new JsonObject { ["mapping"] = node } }.ToJsonString(ClickcastJson.Indented);
    }
}
