using System.Buffers.Binary;
using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Sources;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;
using Parquet.Serialization.Attributes;

namespace Clickcast.Tests.Ingestion.Sources.Columnar;

/// <summary>Raw Parquet from several writers ingests: Clickcast itself, Parquet.Net (INT96, milliseconds, nested, nullable) and DuckDB.</summary>
public sealed class ParquetIngestTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
    private readonly IngestHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static long Micros(DateTime time) => (time.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    [Fact]
    public async Task IngestFileAsync_EventsFileWrittenByClickcast_IsIngested()
    {
        var path = _harness.TempFile("events.parquet");
        await using (var writer = await EventFileWriter.CreateAsync("other", path, TestContext.Current.CancellationToken))
        {
            for (var i = 0; i < 10; i++)
            {
                await writer.AddAsync(new ClickEvent($"c{i % 3}", Micros(Start.AddMinutes(i)), $"https://shop.example.com/p/{i}", i == 9 ? "purchase" : "page_view"), TestContext.Current.CancellationToken);
            }
        }

        var report = await _harness.PutAndIngestAsync("export.parquet", await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));

        Assert.True(report.Status == IngestStatus.Ingested, report.Error);
        Assert.Equal(SourceFormat.Parquet, report.Format);
        Assert.Equal(10, report.RowsKept);
        var events = await _harness.ReadEventsAsync();
        Assert.Equal(Micros(Start), events[0].TimestampMicros);
        Assert.Equal("purchase", events[^1].EventType);
        Assert.Equal("c0", events[^1].ClientId);
        Assert.All(events, e => Assert.Equal("shop.example.com/p", e.Url)); // the default URL level: host + first path segment
    }

    [Fact]
    public async Task IngestFileAsync_ParquetNetInt96WithDictionaryPages_IsIngested()
    {
        var visitor = new DataField<string>("visitor_id", nullable: false);
        var ts = new DateTimeDataField("ts", DateTimeFormat.Impala);
        var url = new DataField<string>("url", nullable: true);
        var path = _harness.TempFile("int96.parquet");
        var options = new ParquetOptions();
        options.ColumnEncodingHints["visitor_id"] = EncodingHint.Dictionary;
        options.ColumnEncodingHints["url"] = EncodingHint.Dictionary;
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(visitor, ts, url), stream, options, cancellationToken: TestContext.Current.CancellationToken);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(visitor, [.. Enumerable.Range(0, 100).Select(i => $"v{i % 4}")]);
            await group.WriteAsync<DateTime>(ts, Enumerable.Range(0, 100).Select(i => Start.AddSeconds(i)).ToArray().AsMemory(), cancellationToken: TestContext.Current.CancellationToken);
            await group.WriteAsync(url, [.. Enumerable.Range(0, 100).Select(i => i == 50 ? null! : $"https://shop.example.com/c/{i % 5}")]);
        }

        Assert.Equal("INT96", ParquetPhysicalType(path, "ts"));
        var report = await _harness.PutAndIngestAsync("int96.parquet", await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));

        Assert.True(report.Status == IngestStatus.Ingested, report.Error);
        Assert.Equal(99, report.RowsKept);
        Assert.Equal(1, report.Dropped[DropReason.MissingUrl]);
        var events = await _harness.ReadEventsAsync();
        Assert.Equal(Micros(Start), events[0].TimestampMicros);
        Assert.Equal(Micros(Start.AddSeconds(99)), events[^1].TimestampMicros);
    }

    [Fact]
    public async Task IngestFileAsync_ParquetNetNestedMillisecondsNullable_IsIngested()
    {
        var rows = Enumerable.Range(0, 20).Select(i => new NestedRow
        {
            Visitor = i == 3 ? null : $"v{i % 4}",
            Ts = Start.AddMilliseconds(i * 1500),
            Page = i == 4 ? null : new PageInfo { Location = $"https://shop.example.com/p/{i}", Title = "t" },
            EventName = i % 5 == 0 ? "purchase" : null,
        }).ToList();
        var path = _harness.TempFile("nested.parquet");
        await ParquetSerializer.SerializeAsync(rows, path, cancellationToken: TestContext.Current.CancellationToken);
        var options = new IngestOptions { MaxParallelFiles = 1 };
        options.Mapping.ClientId = "Visitor";
        options.Mapping.Timestamp = "Ts";
        options.Mapping.Url = "Page.Location";

        var report = await _harness.PutAndIngestAsync("nested.parquet", await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken), options);

        Assert.True(report.Status == IngestStatus.Ingested, report.Error);
        Assert.Equal(18, report.RowsKept);
        Assert.Equal(1, report.Dropped[DropReason.MissingClientId]);
        Assert.Equal(1, report.Dropped[DropReason.MissingUrl]);
        var events = await _harness.ReadEventsAsync();
        Assert.Equal(Micros(Start), events[0].TimestampMicros);
        Assert.Equal(Micros(Start.AddMilliseconds(19 * 1500)), events[^1].TimestampMicros);
        Assert.Equal(4, events.Count(e => e.EventType == "purchase"));
        Assert.Equal(14, events.Count(e => e.EventType == "page_view"));
    }

    [Theory]
    [InlineData("TIMESTAMP")]
    [InlineData("TIMESTAMP_MS")]
    [InlineData("TIMESTAMPTZ")]
    public async Task IngestFileAsync_WrittenByDuckDb_IsIngested(string timestampType)
    {
        var path = _harness.TempFile("duck.parquet");
        Duck($"""
            COPY (
              SELECT CASE WHEN i = 7 THEN NULL ELSE 'u' || (i % 6) END AS user_id,
                     CAST(TIMESTAMP '2026-11-25 10:00:00' + INTERVAL (i) SECOND AS {timestampType}) AS event_time,
                     CASE WHEN i % 10 = 0 THEN 'purchase' ELSE NULL END AS event_type,
                     struct_pack(page_url := 'https://shop.example.com/p/' || (i % 9), screen := NULL::VARCHAR) AS context,
                     [i, i + 1] AS tags
              FROM range(200) t(i)
            ) TO '{path}' (FORMAT PARQUET)
            """);
        var options = new IngestOptions { MaxParallelFiles = 1 };
        options.Mapping.Url = "context.page_url";

        var report = await _harness.PutAndIngestAsync("duck.parquet", await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken), options);

        Assert.True(report.Status == IngestStatus.Ingested, report.Error);
        Assert.Equal(199, report.RowsKept);
        Assert.Equal(1, report.Dropped[DropReason.MissingClientId]);
        var events = await _harness.ReadEventsAsync();
        Assert.Equal(Micros(Start), events[0].TimestampMicros);
        Assert.Equal(Micros(Start.AddSeconds(199)), events[^1].TimestampMicros);
        Assert.Equal(20, events.Count(e => e.EventType == "purchase"));
        Assert.Equal("u0", events[0].ClientId);
        Assert.All(events, e => Assert.Equal("shop.example.com/p", e.Url)); // the default URL level: host + first path segment
    }

    [Theory]
    [InlineData(2_000_000_000L, "MaxRowsPerRowGroup")]
    [InlineData(4_000_000L, "MaxDecompressionRatio")]
    public async Task IngestFileAsync_FooterClaimsTooManyRows_QuarantinedBeforeAllocating(long claimed, string cap)
    {
        const int Rows = 777;
        var path = _harness.TempFile("small.parquet");
        var client = new DataField<string>("client_id");
        var ts = new DataField<long>("ts");
        var url = new DataField<string>("url");
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(client, ts, url), stream, cancellationToken: TestContext.Current.CancellationToken);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(client, [.. Enumerable.Range(0, Rows).Select(i => "c")]);
            await group.WriteAsync<long>(ts, Enumerable.Range(0, Rows).Select(i => 1_764_064_800L + i).ToArray().AsMemory(), cancellationToken: TestContext.Current.CancellationToken);
            await group.WriteAsync(url, [.. Enumerable.Range(0, Rows).Select(i => "https://example.com/")]);
        }

        var crafted = WithClaimedRows(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken), Rows, claimed);
        var report = await _harness.PutAndIngestAsync("crafted.parquet", crafted);

        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.Contains(cap, report.Error, StringComparison.Ordinal);
        Assert.Contains("claims", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestFileAsync_FooterClaimsMoreRowsThanTheFileCap_QuarantinedNamingTheCap()
    {
        var path = _harness.TempFile("small.parquet");
        var client = new DataField<string>("client_id");
        var ts = new DataField<long>("ts");
        var url = new DataField<string>("url");
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(client, ts, url), stream, cancellationToken: TestContext.Current.CancellationToken);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(client, [.. Enumerable.Range(0, 777).Select(i => "c")]);
            await group.WriteAsync<long>(ts, Enumerable.Range(0, 777).Select(i => 1_764_064_800L + i).ToArray().AsMemory(), cancellationToken: TestContext.Current.CancellationToken);
            await group.WriteAsync(url, [.. Enumerable.Range(0, 777).Select(i => "https://example.com/")]);
        }

        var options = new IngestOptions { MaxParallelFiles = 1 };
        options.Limits.MaxRowsPerFile = 1000;
        var crafted = WithClaimedRows(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken), 777, 5000);

        var report = await _harness.PutAndIngestAsync("crafted.parquet", crafted, options);

        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.Contains("MaxRowsPerFile", report.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// Rewrites every Thrift compact i64 field equal to <paramref name="actual"/> in the footer (the file's and the
    /// row group's row counts, the column chunks' value counts) to <paramref name="claimed"/>.
    /// </summary>
    private static byte[] WithClaimedRows(byte[] file, long actual, long claimed)
    {
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(file.Length - 8, 4));
        var footerStart = file.Length - 8 - footerLength;
        var footer = file.AsSpan(footerStart, footerLength).ToArray();
        var from = Varint((actual << 1) ^ (actual >> 63));
        var to = Varint((claimed << 1) ^ (claimed >> 63));
        var rewritten = new List<byte>();
        var replaced = 0;
        for (var i = 0; i < footer.Length; i++)
        {
            if (footer[i] == 0x16 && footer.AsSpan(i + 1).StartsWith(from))
            {
                rewritten.Add(0x16);
                rewritten.AddRange(to);
                i += from.Length;
                replaced++;
                continue;
            }

            rewritten.Add(footer[i]);
        }

        Assert.True(replaced >= 2, $"{replaced} row counts found in the footer");
        var result = new List<byte>(file.AsSpan(0, footerStart).ToArray());
        result.AddRange(rewritten);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, rewritten.Count);
        result.AddRange(length);
        result.AddRange("PAR1"u8.ToArray());
        return [.. result];
    }

    private static byte[] Varint(long value)
    {
        var bytes = new List<byte>();
        var v = (ulong)value;
        while (v >= 0x80)
        {
            bytes.Add((byte)(v | 0x80));
            v >>= 7;
        }

        bytes.Add((byte)v);
        return [.. bytes];
    }

    private static void Duck(string sql)
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string ParquetPhysicalType(string path, string column)
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT type FROM parquet_schema('{path}') WHERE name = '{column}'";
        return (string)command.ExecuteScalar()!;
    }

    public sealed class NestedRow
    {
        public string? Visitor { get; set; }

        [ParquetTimestamp(ParquetTimestampResolution.Milliseconds)]
        public DateTime Ts { get; set; }

        public PageInfo? Page { get; set; }

        public string? EventName { get; set; }
    }

    public sealed class PageInfo
    {
        public string? Location { get; set; }

        public string? Title { get; set; }
    }
}
