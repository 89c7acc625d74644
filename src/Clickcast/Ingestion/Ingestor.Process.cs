using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Clickcast.Events;
using Clickcast.Ingestion.Sources;
using Clickcast.Ingestion.Sources.Text;
using Clickcast.Ingestion.Urls;
using Clickcast.Storage;

namespace Clickcast.Ingestion;

public sealed partial class Ingestor
{
    /// <summary>Bad rows named in a report; the counts cover the rest.</summary>
    private const int MaxBadRowSamples = 20;

    private async Task<FileIngestReport> ProcessAsync(
        string tenant,
        string key,
        string path,
        string contentSha,
        string settings,
        IngestOptions options,
        int shards,
        DateTimeOffset startedAt,
        Func<IReadOnlyList<string>, CancellationToken, Task> beforeOutputs,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.GetTimestamp();
        var size = new FileInfo(path).Length;
        var tempFolder = ScratchSpace.Process.CreateFolder("ingest");
        // One writer per (period, shard) in use, at most max(MaxOpenEventFiles, shards) open: a time-ordered file keeps
        // every shard of its current day open instead of closing one part per event.
        var writers = new EventPartWriters(tenant, tempFolder, Math.Max(options.Limits.MaxOpenEventFiles, shards), heap: Heap, filesAtOnce: options.MaxParallelFiles);
        var counts = new long[Enum.GetValues<DropReason>().Length];
        var samples = new List<BadRowSample>();
        var keptPerDay = new DayCounter();
        long rowsRead = 0, kept = 0, first = long.MaxValue, last = long.MinValue;
        var format = SourceFormat.Auto;
        ResolvedFieldMapping? mapping = null;
        string? error = null;
        var outputs = new List<string>();
        try
        {
            try
            {
                await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                var head = new byte[8];
                var headLength = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                file.Position = 0;
                if (headLength == 0)
                {
                    throw new SourceFormatException(key, null, "the file is empty (0 bytes)");
                }

                Stream content = file;
                var gzip = SourceFormats.IsGzip(key, head.AsSpan(0, headLength));
                var maxDecompressed = options.Limits.DecompressedBytesFor(size);
                if (gzip)
                {
                    content = new CappedReadStream(new GZipStream(file, CompressionMode.Decompress, leaveOpen: true), maxDecompressed, key);
                }

                format = options.Format != SourceFormat.Auto ? options.Format : SourceFormats.Detect(key, head.AsSpan(0, headLength));
                if (format == SourceFormat.Auto)
                {
                    throw new SourceFormatException(key, null, "unknown format: name the file .avro, .parquet, .csv, .tsv, .jsonl or .log, or set the format in the ingest options");
                }

                if (options.Mapping.Columns.Count > 0 && format is not (SourceFormat.Csv or SourceFormat.Tsv))
                {
                    throw new SourceFormatException(key, null, $"Mapping.Columns names the columns of headerless CSV or TSV files; this file is {format}");
                }

                if (gzip && format is SourceFormat.Avro or SourceFormat.Parquet)
                {
                    throw new SourceFormatException(key, null, $"{format} files must not be gzip-compressed: they compress internally");
                }

                var normalizer = _normalizers.For(settings, options);
                var context = new SourceReadContext(key, options.Mapping, options.Limits) { SkipReferrer = true, MaxDecompressedBytes = maxDecompressed, UrlOutcomes = normalizer.OutcomeOf, UrlOutcomeKey = normalizer.OutcomeKey };
                var reader = SourceFormats.CreateReader(format, options);
                var outcomes = new RowOutcomeMemo();
                var period = options.Period;
                string lastPeriodKey = string.Empty;
                long lastPeriodStart = long.MinValue, lastPeriodEnd = long.MinValue;
                string? lastClient = null;
                var lastShard = 0;
                var maxRows = options.Limits.MaxRowsPerFile;

                foreach (var source in ReadAll(reader, content, context, key))
                {
                    if (++rowsRead > maxRows)
                    {
                        throw new SourceFormatException(key, rowsRead, string.Create(CultureInfo.InvariantCulture, $"the file has more than {maxRows} rows, the per-file cap (Limits.MaxRowsPerFile)"));
                    }

                    var reason = source.Problem;
                    var token = string.Empty;
                    var eventType = string.Empty;
                    if (reason == DropReason.None)
                    {
                        _ = normalizer.TryNormalize(source.Url, source.UrlOutcome, source.EventType, source.UserAgent, outcomes, out token, out eventType, out reason);
                    }

                    if (reason != DropReason.None)
                    {
                        counts[(int)reason]++;
                        if (IsBadRow(reason) && samples.Count < MaxBadRowSamples)
                        {
                            samples.Add(new BadRowSample(source.Row, reason));
                        }

                        if (options.BadRows == BadRowPolicy.QuarantineFile && IsBadRow(reason))
                        {
                            throw new SourceFormatException(key, source.Row, $"bad row ({reason}) and the bad-row policy quarantines the whole file");
                        }

                        continue;
                    }

                    var micros = source.TimestampMicros;
                    if (micros < lastPeriodStart || micros >= lastPeriodEnd)
                    {
                        (lastPeriodKey, lastPeriodStart, lastPeriodEnd) = PeriodOf(micros, period);
                    }

                    keptPerDay.Add(micros);
                    // A client's events mostly come in a row (readers then hand out one string): its shard is hashed once.
                    var clientId = source.ClientId!;
                    if (shards > 1 && !string.Equals(clientId, lastClient, StringComparison.Ordinal))
                    {
                        lastShard = ClientShard.Of(clientId, shards);
                        lastClient = clientId;
                    }

                    await writers.AddAsync(lastPeriodKey, lastShard, new ClickEvent(clientId, micros, token, eventType), cancellationToken).ConfigureAwait(false);
                    kept++;
                    first = Math.Min(first, micros);
                    last = Math.Max(last, micros);
                }

                mapping = context.ResolvedMapping;
                var bad = counts.Where((_, i) => IsBadRow((DropReason)i)).Sum();
                if (rowsRead > 0 && bad > options.MaxBadRowShare * rowsRead)
                {
                    throw new SourceFormatException(key, null, $"{bad} of {rowsRead} rows are unreadable ({Describe(counts)}), more than the allowed share of {options.MaxBadRowShare:P0} (ingest.maxBadRowShare); check the field mapping{(counts[(int)DropReason.InvalidUrl] * 2 > bad ? InvalidUrlHint : string.Empty)}");
                }

                if (gzip)
                {
                    await content.DisposeAsync().ConfigureAwait(false);
                }
            }
            catch (SourceFormatException ex)
            {
                error = ex.Message;
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or EndOfStreamException && !cancellationToken.IsCancellationRequested)
            {
                // Decompression and stream errors inside a reader are file problems too.
                error = $"{key}: {ex.Message}";
            }

            IReadOnlyList<EventPart> parts = error is null ? await writers.CompleteAsync(cancellationToken).ConfigureAwait(false) : [];
            Log.EventFilesWritten(_logger, key, writers.FilesCreated, writers.PeakOpen, writers.PeakCapacity, writers.HeapCollections);

            if (error is not null)
            {
                var quarantined = await QuarantineAsync(tenant, key, path, error, cancellationToken).ConfigureAwait(false);
                return new FileIngestReport
                {
                    Key = key,
                    Status = IngestStatus.Quarantined,
                    Format = format,
                    ContentSha256 = contentSha,
                    Bytes = size,
                    RowsRead = rowsRead,
                    RowsKept = 0,
                    Dropped = ToDictionary(counts),
                    BadRowSamples = samples,
                    Mapping = mapping,
                    Error = error,
                    QuarantineKey = quarantined,
                    StartedAt = startedAt,
                    Duration = Stopwatch.GetElapsedTime(clock),
                };
            }

            // Deterministic names: re-ingesting after a crash overwrites the same objects instead of adding copies; other
            // settings give other names, so that sequences see the earlier events files go and rebuild. The first part of
            // a period keeps the plain name; a period a file returns to after its events file was closed (more periods
            // than Limits.MaxOpenEventFiles) continues in numbered parts. With shards, each (period, shard) has its folder.
            var sourceId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key + "\n" + contentSha + "\n" + settings)))[..24];
            var ordered = parts
                .Select(p => (EventFileKey.Create(p.Period, p.Shard, shards, sourceId + (p.Number == 0 ? string.Empty : "-" + p.Number.ToString(CultureInfo.InvariantCulture))).ToKey(tenant), p.Path))
                .OrderBy(o => o.Item1, StringComparer.Ordinal)
                .ToList();
            await beforeOutputs([.. ordered.Select(o => o.Item1)], cancellationToken).ConfigureAwait(false);
            foreach (var (outputKey, temp) in ordered)
            {
                if (_store is LocalObjectStore local)
                {
                    local.MoveFileIn(temp, outputKey);
                }
                else
                {
                    await _store.PutFileAsync(outputKey, temp, cancellationToken).ConfigureAwait(false);
                }

                outputs.Add(outputKey);
            }

            return new FileIngestReport
            {
                Key = key,
                Status = IngestStatus.Ingested,
                Format = format,
                ContentSha256 = contentSha,
                Bytes = size,
                RowsRead = rowsRead,
                RowsKept = kept,
                Dropped = ToDictionary(counts),
                BadRowSamples = samples,
                Mapping = mapping,
                Outputs = outputs,
                KeptPerDay = keptPerDay.ToList(),
                FirstEventMicros = kept > 0 ? first : null,
                LastEventMicros = kept > 0 ? last : null,
                StartedAt = startedAt,
                Duration = Stopwatch.GetElapsedTime(clock),
            };
        }
        finally
        {
            await writers.DisposeAsync().ConfigureAwait(false);
            Directory.Delete(tempFolder, recursive: true);
        }
    }

    /// <summary>
    /// Wraps a reader so that exceptions a reader did not anticipate (a bug, or corrupt input that reached a
    /// library) still name the file instead of failing the run.
    /// </summary>
    private static IEnumerable<SourceRecord> ReadAll(ISourceReader reader, Stream content, SourceReadContext context, string key)
    {
        IEnumerator<SourceRecord> records;
        try
        {
            // Readers check headers, schemas and footers eagerly: their surprises belong to the file too.
            records = reader.Read(content, context).GetEnumerator();
        }
        catch (Exception ex) when (ex is not (SourceFormatException or OperationCanceledException or OutOfMemoryException))
        {
            throw new SourceFormatException(key, null, $"unreadable ({ex.GetType().Name}: {ex.Message})", ex);
        }

        using var owned = records;
        long row = 0;
        while (true)
        {
            SourceRecord current;
            try
            {
                if (!records.MoveNext())
                {
                    yield break;
                }

                current = records.Current;
                row = current.Row;
            }
            catch (Exception ex) when (ex is not (SourceFormatException or OperationCanceledException or OutOfMemoryException))
            {
                throw new SourceFormatException(key, row + 1, $"unreadable ({ex.GetType().Name}: {ex.Message})", ex);
            }

            yield return current;
        }
    }

    private async Task<string> QuarantineAsync(string tenant, string key, string path, string reason, CancellationToken cancellationToken)
    {
        var root = TenantLayout.Root(tenant);
        var relative = key.StartsWith(root, StringComparison.Ordinal) ? key[root.Length..] : key;
        var target = TenantLayout.Quarantine(tenant) + relative;
        await _store.PutFileAsync(target, path, cancellationToken).ConfigureAwait(false);
        var note = new QuarantineNote(key, reason, _time.GetUtcNow());
        await _store.PutJsonAsync(target + ".reason.json", note, ClickcastJson.Indented, cancellationToken).ConfigureAwait(false);
        return target;
    }

    /// <summary>
    /// Rows the source could not describe, as opposed to rows filtered on purpose (bots, assets, technical domains).
    /// An unparsable URL is a bad row: a file full of them has its URL field mis-mapped or lacks a default host.
    /// </summary>
    /// <summary>Appended to a quarantine reason when most bad rows are <see cref="DropReason.InvalidUrl"/>: the two usual causes.</summary>
    internal const string InvalidUrlHint = ", and for URLs without a host (access logs) set ingest.urls.defaultHost, or for ids that are not URLs (items, app screens) set ingest.mapping.urlKind to Token";

    internal static bool IsBadRow(DropReason reason) => reason is
        DropReason.MissingClientId or DropReason.ClientIdTooLong or DropReason.MissingTimestamp or DropReason.InvalidTimestamp
        or DropReason.MissingUrl or DropReason.InvalidUrl or DropReason.UrlTooLong or DropReason.InvalidUtf8 or DropReason.MalformedRecord or DropReason.InvalidToken;

    private static (string Key, long Start, long End) PeriodOf(long micros, EventPeriod period)
    {
        var time = EventFile.ToDateTime(micros);
        DateTime start, end;
        string key;
        switch (period)
        {
            case EventPeriod.Hour:
                start = new DateTime(time.Year, time.Month, time.Day, time.Hour, 0, 0, DateTimeKind.Utc);
                end = start.AddHours(1);
                key = "hour=" + start.ToString("yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture);
                break;
            case EventPeriod.Month:
                start = new DateTime(time.Year, time.Month, 1, 0, 0, 0, DateTimeKind.Utc);
                end = start.AddMonths(1);
                key = "month=" + start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                break;
            default:
                start = time.Date;
                end = start.AddDays(1);
                key = "date=" + start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                break;
        }

        return (key, EventFile.ToMicros(start), EventFile.ToMicros(end));
    }

    private static Dictionary<DropReason, long> ToDictionary(long[] counts)
    {
        var result = new Dictionary<DropReason, long>();
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > 0)
            {
                result[(DropReason)i] = counts[i];
            }
        }

        return result;
    }

    private static string Describe(long[] counts) =>
        string.Join(", ", ToDictionary(counts).Where(p => IsBadRow(p.Key)).Select(p => $"{p.Key}: {p.Value}"));
}
