using System.Diagnostics;
using System.Globalization;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Avro;

namespace Clickcast.Tests.Ingestion.Avro;

/// <summary>
/// Throughput checks run by hand, not timed tests. Build in Release and run the test binary directly so the
/// numbers are printed: <c>dotnet build -c Release tests/Clickcast.Tests &amp;&amp;
/// artifacts/bin/Clickcast.Tests/release/Clickcast.Tests -class Clickcast.Tests.Ingestion.Avro.AvroThroughputTests
/// -explicit only -showLiveOutput</c>. Each prints the median of several runs, by wall clock and by process CPU time.
/// </summary>
public sealed class AvroThroughputTests
{
    private const int Runs = 7;

    [Fact(Explicit = true)]
    public void Read_SharedFlatNullFileRepeated_RecordsPerSecond()
    {
        // The file as written by python3-avro, read 100 times per run: includes per-file header and schema work.
        var bytes = File.ReadAllBytes(AvroTestData.SharedFile("events-flat-null.avro"));
        Measure("shared flat null file x100", 100 * AvroTestData.SharedFileRecords, () =>
        {
            long kept = 0;
            for (var i = 0; i < 100; i++)
            {
                kept += CountKept(bytes);
            }

            return kept;
        });
    }

    [Theory(Explicit = true)]
    [InlineData("null")]
    [InlineData("deflate")]
    [InlineData("snappy")]
    [InlineData("zstandard")]
    public void Read_SharedFlatRecordsInOneLargeFile_RecordsPerSecond(string codecName)
    {
        // The shared file's records re-encoded 100 times into one file of ~1M records.
        Assert.True(AvroCompression.TryParse(codecName, out var codec));
        var file = ReencodeShared(codec, copies: 100);
        Measure($"1M shared records, {codecName} ({file.Length / 1024 / 1024} MiB)", 100 * AvroTestData.SharedFileRecords, () => CountKept(file));
    }

    [Theory(Explicit = true)]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(1_000_000)]
    public void Read_SyntheticSevenFieldRecords_RecordsPerSecond(int eventsPerClient)
    {
        // Client ids from unique per row (the string cache cannot help) to bursts of one client's events.
        const int Records = 1_000_000;
        var output = new MemoryStream();
        using (var writer = new AvroContainerWriter(output, SevenFieldSchema, AvroCodec.Null, new AvroContainerWriterOptions { LeaveOpen = true }))
        {
            for (var i = 0; i < Records; i++)
            {
                WriteSyntheticRecord(writer.Encoder, string.Create(CultureInfo.InvariantCulture, $"client-{i / eventsPerClient:x8}"), i);
                writer.EndRecord();
            }
        }

        var file = output.ToArray();
        Measure($"read 1M synthetic 7-field records, {eventsPerClient} per client", Records, () => CountKept(file));
    }

    [Theory(Explicit = true)]
    [InlineData("null")]
    [InlineData("deflate")]
    [InlineData("snappy")]
    [InlineData("zstandard")]
    public void Write_SevenFieldRecords_RecordsPerSecond(string codecName)
    {
        Assert.True(AvroCompression.TryParse(codecName, out var codec));
        const int Records = 2_000_000;
        var clients = Enumerable.Range(0, 50_000).Select(i => $"c-{i:x8}").ToArray();
        Measure($"write 2M 7-field records, {codecName}", Records, () =>
        {
            var output = new CountingStream();
            using (var writer = new AvroContainerWriter(output, SevenFieldSchema, codec, new AvroContainerWriterOptions { LeaveOpen = true }))
            {
                for (var i = 0; i < Records; i++)
                {
                    WriteSyntheticRecord(writer.Encoder, clients[i % clients.Length], i);
                    writer.EndRecord();
                }
            }

            return output.Length;
        });
    }

    private const string SevenFieldSchema = """
        {"type":"record","name":"ClickEvent","namespace":"synthetic","fields":[
          {"name":"client_id","type":"string"},
          {"name":"ts","type":{"type":"long","logicalType":"timestamp-micros"}},
          {"name":"event_type","type":"string"},
          {"name":"url","type":"string"},
          {"name":"referrer","type":["null","string"]},
          {"name":"user_agent","type":["null","string"]},
          {"name":"session","type":"int"}]}
        """;

    private static readonly string[] Urls = [.. Enumerable.Range(0, 2_000).Select(i => $"https://shop.example.com/catalog/item/{i}?ref=home")];

    private static void WriteSyntheticRecord(AvroBinaryWriter record, string clientId, int i)
    {
        record.WriteString(clientId);
        record.WriteLong(1_700_000_000_000_000 + (i * 1_000L));
        record.WriteString(i % 9 == 0 ? "click" : "page_view");
        record.WriteString(Urls[(i * 7) % Urls.Length]);
        record.WriteNullableString(i % 3 == 0 ? null : Urls[(i * 11) % Urls.Length]);
        record.WriteNullableString("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36");
        record.WriteInt(i / 20);
    }

    private static long CountKept(byte[] file)
    {
        long kept = 0;
        foreach (var row in new AvroSourceReader().Read(new MemoryStream(file, writable: false), AvroTestData.Context()))
        {
            if (row.Problem == DropReason.None)
            {
                kept++;
            }
        }

        return kept;
    }

    private static byte[] ReencodeShared(AvroCodec codec, int copies)
    {
        var bytes = File.ReadAllBytes(AvroTestData.SharedFile("events-flat-null.avro"));
        var rows = AvroTestData.Read(bytes);
        const string Schema = """
            {"type":"record","name":"ClickEvent","namespace":"cdp.events","fields":[
              {"type":"string","name":"event_id"},{"type":"string","name":"client_id"},
              {"type":{"type":"long","logicalType":"timestamp-millis"},"name":"ts"},
              {"type":"string","name":"event_type"},{"type":"string","name":"url"},
              {"type":["null","string"],"name":"referrer","default":null},
              {"type":["null","string"],"name":"user_agent","default":null},{"type":"int","name":"http_status"}]}
            """;
        var output = new MemoryStream();
        using (var writer = new AvroContainerWriter(output, Schema, codec, new AvroContainerWriterOptions { LeaveOpen = true }))
        {
            for (var copy = 0; copy < copies; copy++)
            {
                foreach (var row in rows)
                {
                    var record = writer.Encoder;
                    record.WriteString(string.Create(CultureInfo.InvariantCulture, $"e{copy:d3}{row.Row:d6}"));
                    record.WriteString(row.ClientId);
                    record.WriteLong(row.TimestampMicros / 1000);
                    record.WriteString(row.EventType);
                    record.WriteString(row.Url);
                    record.WriteNullableString(row.Referrer);
                    record.WriteNullableString(row.UserAgent);
                    record.WriteInt(200);
                    writer.EndRecord();
                }
            }
        }

        return output.ToArray();
    }

    private static void Measure(string what, long records, Func<long> run)
    {
        run(); // JIT and tiering warm-up
        run();
        var wall = new List<double>();
        var cpu = new List<double>();
        long check = 0;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < Runs; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            check = run();
            watch.Stop();
            process.Refresh();
            wall.Add(records / watch.Elapsed.TotalSeconds);

            // CPU time of the whole process (GC threads included): robust against other load on a shared machine.
            cpu.Add(records / (process.TotalProcessorTime - cpuBefore).TotalSeconds);
        }

        wall.Sort();
        cpu.Sort();
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{what}: median {wall[Runs / 2] / 1e6:F2} M records/s wall (min {wall[0] / 1e6:F2}, max {wall[^1] / 1e6:F2}), {cpu[Runs / 2] / 1e6:F2} M records per CPU-second; check {check}");
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        Console.WriteLine(line);
    }

    /// <summary>Counts bytes without keeping them: measures the encoder, not memory copies.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
