using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Sources;
using Clickcast.Ingestion.Sources.Avro;
using Clickcast.Ingestion.Sources.Text;
using Clickcast.Ingestion.Urls;
using Clickcast.Tests.Ingestion.Sources.Avro;

namespace Clickcast.Tests.Ingestion.Sources.Fuzzing;

/// <summary>
/// Every source reader is fed mutated valid files from a fixed seed: none may throw anything but a
/// <see cref="SourceFormatException"/> (a quarantine reason) or report anything but counted bad rows, hang, or
/// allocate past a cap. Each format runs a fixed number of mutants, stopping early only at a time budget, so the
/// whole class stays within seconds on a shared machine.
/// </summary>
public sealed class SourceReaderFuzzTests
{
    private const int Mutants = 1500;
    private const int MinimumMutants = 300;
    private const long MaxAllocatedBytes = 256L * 1024 * 1024;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1.6);
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Formats => ["avro-null", "avro-deflate", "avro-snappy", "avro-zstandard", "parquet", "csv", "tsv", "jsonl", "accesslog", "csv.gz"];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Read_MutatedValidFiles_FailOnlyAsSourceFormatOrBadRows(string format)
    {
        var seed = Seed(format);
        var random = new Random(StableHash(format));
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        var done = 0;
        for (; done < Mutants && (done < MinimumMutants || clock.Elapsed < Budget); done++)
        {
            var mutant = Mutate(seed, random);
            string? failure;
            try
            {
                failure = await Task.Run(() => ReadAll(format, mutant), TestContext.Current.CancellationToken).WaitAsync(HangLimit, TestContext.Current.CancellationToken);
            }
            catch (TimeoutException)
            {
                failures.Add($"mutant {done} hangs ({Convert.ToBase64String(mutant)})");
                break;
            }

            if (failure is not null)
            {
                failures.Add($"mutant {done}: {failure}");
                if (failures.Count >= 5)
                {
                    break;
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{format}: {done} mutants in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.InRange(done, MinimumMutants, Mutants);
    }

    /// <summary>Reads every record as the ingestor does, URL normalization and bot filter included; returns what went wrong, or null.</summary>
    private static string? ReadAll(string format, byte[] file)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            var limits = new IngestLimits { MaxRecordBytes = 64 * 1024 };
            var context = new SourceReadContext(format, new FieldMappingOptions(), limits) { MaxDecompressedBytes = limits.DecompressedBytesFor(file.Length) };
            var options = new IngestOptions();
            Stream content = new MemoryStream(file, writable: false);
            if (format.EndsWith(".gz", StringComparison.Ordinal))
            {
                content = new CappedReadStream(new GZipStream(content, CompressionMode.Decompress), context.MaxDecompressedBytes, format);
            }

            using (content)
            {
                var reader = SourceFormats.CreateReader(FormatOf(format), options);
                var urls = new UrlNormalizer(options.Urls);
                var bots = new BotFilter(options.Bots);
                long rows = 0;
                foreach (var record in reader.Read(content, context))
                {
                    if (++rows > 100_000)
                    {
                        return "more than 100,000 rows from a small file";
                    }

                    if (record.Problem == DropReason.None)
                    {
                        _ = bots.IsBot(record.UserAgent);
                        _ = urls.TryNormalize(record.Url!, out _, out _);
                        _ = OpaqueToken.Check(record.Url!);
                    }

                    if (GC.GetAllocatedBytesForCurrentThread() - before > MaxAllocatedBytes)
                    {
                        return "allocated more than the cap";
                    }
                }
            }
        }
        catch (SourceFormatException)
        {
            // A quarantine reason.
        }
        catch (InvalidDataException) when (format.EndsWith(".gz", StringComparison.Ordinal))
        {
            // A corrupt gzip stream: the ingestor quarantines the file with the decompressor's message.
        }
        catch (Exception ex)
        {
            return $"{ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}\n{Convert.ToBase64String(file)}";
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return allocated > MaxAllocatedBytes ? $"allocated {allocated} bytes" : null;
    }

    private static SourceFormat FormatOf(string format) => format switch
    {
        _ when format.StartsWith("avro", StringComparison.Ordinal) => SourceFormat.Avro,
        "parquet" => SourceFormat.Parquet,
        "tsv" => SourceFormat.Tsv,
        "jsonl" => SourceFormat.JsonLines,
        "accesslog" => SourceFormat.AccessLog,
        _ => SourceFormat.Csv,
    };

    private static byte[] Seed(string format)
    {
        switch (format)
        {
            case "avro-null":
            case "avro-deflate":
            case "avro-snappy":
            case "avro-zstandard":
                Assert.True(AvroCompression.TryParse(format["avro-".Length..], out var codec));
                return AvroTestData.FlatFile(codec, 40, recordsPerBlock: 10);
            case "parquet":
                return FuzzSeeds.Parquet();
            case "tsv":
                return Encoding.UTF8.GetBytes(FuzzSeeds.Delimited('\t'));
            case "jsonl":
                return Encoding.UTF8.GetBytes(FuzzSeeds.JsonLines());
            case "accesslog":
                return Encoding.UTF8.GetBytes(FuzzSeeds.AccessLog());
            case "csv.gz":
            {
                var output = new MemoryStream();
                using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
                {
                    gzip.Write(Encoding.UTF8.GetBytes(FuzzSeeds.Delimited(',')));
                }

                return output.ToArray();
            }

            default:
                return Encoding.UTF8.GetBytes(FuzzSeeds.Delimited(','));
        }
    }

    /// <summary>One to four mutations: bit flips, interesting bytes, truncation, duplication, insertion, deletion.</summary>
    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = new List<byte>(seed);
        var steps = random.Next(1, 5);
        for (var step = 0; step < steps && data.Count > 0; step++)
        {
            var at = random.Next(data.Count);
            switch (random.Next(7))
            {
                case 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data[at] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 3:
                {
                    var length = Math.Min(random.Next(1, 64), data.Count - at);
                    data.InsertRange(random.Next(data.Count), data.GetRange(at, length));
                    break;
                }

                case 4:
                    data.InsertRange(at, Enumerable.Range(0, random.Next(1, 9)).Select(_ => (byte)random.Next(256)));
                    break;
                case 5:
                    data.RemoveRange(at, Math.Min(random.Next(1, 16), data.Count - at));
                    break;
                default:
                    // A varint or length field set to a huge value.
                    for (var i = at; i < Math.Min(at + 4, data.Count); i++)
                    {
                        data[i] = 0xFF;
                    }

                    break;
            }
        }

        return [.. data];
    }

    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0xFF, (byte)'"', (byte)',', (byte)'\t', (byte)'\n', (byte)'\r', (byte)'{', (byte)'[', (byte)'\\', 0xC0, 0xED, 0xF4];

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
