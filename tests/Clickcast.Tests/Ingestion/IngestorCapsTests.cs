using System.IO.Compression;
using System.Text;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Sources.Avro;
using Clickcast.Tests.Ingestion.Sources.Avro;

namespace Clickcast.Tests.Ingestion;

/// <summary>Per-file caps on decompressed bytes and rows: a small file cannot make unbounded work; past a cap it is quarantined, the reason naming the cap.</summary>
public sealed class IngestorCapsTests : IDisposable
{
    private readonly IngestHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task IngestFileAsync_GzipCsvBomb_QuarantinedNamingTheDecompressionCap()
    {
        // 64 MiB of one repeated row compresses to about 64 KiB: a thousandfold, five times the default ratio cap.
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write("client_id,ts,url\n"u8);
            var row = Encoding.UTF8.GetBytes("c1,2026-11-25T10:00:00Z,https://example.com/a\n");
            var block = Enumerable.Repeat(row, 1024).SelectMany(r => r).ToArray();
            for (var written = 0L; written < 64L * 1024 * 1024; written += block.Length)
            {
                gzip.Write(block);
            }
        }

        var report = await _harness.PutAndIngestAsync("bomb.csv.gz", output.ToArray());

        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.Contains("MaxDecompressionRatio", report.Error, StringComparison.Ordinal);
        Assert.Empty(await _harness.ReadEventsAsync());
        Assert.InRange(report.RowsRead, 1, 2_000_000);
    }

    [Fact]
    public async Task IngestFileAsync_GzipCsvUnderTheCaps_IsIngested()
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write("client_id,ts,url\nc1,2026-11-25T10:00:00Z,https://example.com/a\n"u8);
        }

        var report = await _harness.PutAndIngestAsync("small.csv.gz", output.ToArray());

        Assert.True(report.Status == IngestStatus.Ingested, report.Error);
        Assert.Equal(1, report.RowsKept);
    }

    [Fact]
    public async Task IngestFileAsync_DecompressedBytesCapSet_GzipPastItQuarantined()
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write("client_id,ts,url\n"u8);
            for (var i = 0; i < 100; i++)
            {
                gzip.Write(Encoding.UTF8.GetBytes($"c{i},2026-11-25T10:00:00Z,https://example.com/{i}\n"));
            }
        }

        var options = new IngestOptions { MaxParallelFiles = 1 };
        options.Limits.MaxDecompressedBytesPerFile = 2048;

        var report = await _harness.PutAndIngestAsync("a.csv.gz", output.ToArray(), options);

        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.Contains("MaxDecompressedBytesPerFile", report.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deflate")]
    [InlineData("snappy")]
    [InlineData("zstandard")]
    public async Task IngestFileAsync_AvroPastTheDecompressionCap_QuarantinedNamingTheCap(string codecName)
    {
        Assert.True(AvroCompression.TryParse(codecName, out var codec));
        var file = AvroTestData.FlatFile(codec, 20_000, recordsPerBlock: 1000);
        var options = new IngestOptions { MaxParallelFiles = 1 };
        options.Limits.MaxDecompressedBytesPerFile = 64 * 1024;

        var report = await _harness.PutAndIngestAsync("a.avro", file, options);

        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.Contains("MaxDecompressedBytesPerFile", report.Error, StringComparison.Ordinal);
        Assert.Empty(await _harness.ReadEventsAsync());
    }

    [Fact]
    public async Task IngestFileAsync_ZstandardAvroBomb_QuarantinedByTheRatioCap()
    {
        // Blocks of identical records compress far beyond any real clickstream's ratio.
        var file = AvroTestData.Write(
            AvroTestData.FlatSchema,
            AvroCodec.Zstandard,
            100_000,
            (r, _) => AvroTestData.WriteFlat(r, "client-1", AvroTestData.Millis, "https://example.com/" + new string('a', 400)),
            recordsPerBlock: 20_000);

        var report = await _harness.PutAndIngestAsync("bomb.avro", file);

        Assert.True(file.Length < 1024 * 1024, $"{file.Length} bytes");
        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.Contains("MaxDecompressionRatio", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestFileAsync_MoreRowsThanTheCap_QuarantinedNamingTheCap()
    {
        var csv = new StringBuilder("client_id,ts,url\n");
        for (var i = 0; i < 11; i++)
        {
            csv.Append("c1,2026-11-25T10:00:00Z,https://example.com/a\n");
        }

        var options = new IngestOptions { MaxParallelFiles = 1 };
        options.Limits.MaxRowsPerFile = 10;

        var report = await _harness.PutAndIngestAsync("a.csv", Encoding.UTF8.GetBytes(csv.ToString()), options);

        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.Contains("MaxRowsPerFile", report.Error, StringComparison.Ordinal);
        Assert.Empty(await _harness.ReadEventsAsync());
    }

    [Fact]
    public void DecompressedBytesFor_SmallFile_GetsTheRatioPlusTheAllowance()
    {
        var limits = new Clickcast.Ingestion.Sources.IngestLimits { MaxDecompressionRatio = 10, MaxDecompressedBytesPerFile = 1L << 40 };

        Assert.Equal((1000 * 10) + (1024 * 1024), limits.DecompressedBytesFor(1000));
        Assert.Equal(1L << 40, limits.DecompressedBytesFor(long.MaxValue / 2));
    }
}
