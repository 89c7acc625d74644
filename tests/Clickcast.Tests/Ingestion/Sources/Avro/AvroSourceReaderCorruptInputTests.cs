using System.Text;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Sources;
using Clickcast.Ingestion.Sources.Avro;

namespace Clickcast.Tests.Ingestion.Sources.Avro;

/// <summary>Broken files fail as a whole with a message naming the file and where it broke; they never crash the reader.</summary>
public sealed class AvroSourceReaderCorruptInputTests
{
    private const string Name = "raw/2025/bad.avro";

    [Fact]
    public void Read_EmptyFile_ThrowsNamingFile()
    {
        var ex = Fails([]);
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CsvFile_ThrowsNotAvro()
    {
        var ex = Fails(Encoding.UTF8.GetBytes("client_id,ts,url\na,1,http://x/\n"));
        Assert.Contains("not an Avro", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedHeader_ThrowsNamingHeader()
    {
        var file = AvroTestData.FlatFile(AvroCodec.Null, 10);
        var ex = Fails(file[..40]);
        Assert.Contains("header", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_TruncatedBlock_ThrowsNamingBlock(bool seekable)
    {
        var file = AvroTestData.FlatFile(AvroCodec.Deflate, 100, recordsPerBlock: 40);
        var cut = file[..(file.Length - 30)];
        Stream stream = seekable ? new MemoryStream(cut) : new NonSeekableStream(cut);

        var ex = Assert.Throws<SourceFormatException>(() => AvroTestData.Read(stream, AvroTestData.Context(Name)));

        Assert.StartsWith(Name, ex.Message, StringComparison.Ordinal);
        Assert.Contains("block 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WrongSyncMarker_ThrowsNamingBlock()
    {
        var first = AvroTestData.Records(3, (w, i) => AvroTestData.WriteFlat(w, "c", AvroTestData.Millis, "https://x/"));
        var file = AvroTestData.Container(AvroTestData.FlatSchema, null, (3, first), (3, first));
        file[^1] ^= 0xFF;

        var ex = Fails(file);

        Assert.Contains("block 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sync marker", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BlockSizeBeyondEnd_ThrowsBeforeAllocating()
    {
        var header = AvroTestData.Container(AvroTestData.FlatSchema, null);
        var w = new AvroBinaryWriter();
        w.WriteLong(5);
        w.WriteLong(200_000_000);
        byte[] file = [.. header, .. w.WrittenSpan, .. new byte[10]];

        var ex = Fails(file);

        Assert.Contains("block 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("200000000 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CorruptDeflateBlock_ThrowsNamingCodec()
    {
        var file = AvroTestData.Container(AvroTestData.FlatSchema, "deflate", (3, [0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x12]));
        var ex = Fails(file);
        Assert.Contains("block 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("deflate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SnappyChecksumMismatch_Throws()
    {
        var file = AvroTestData.FlatFile(AvroCodec.Snappy, 10);
        // The last block's CRC sits just before the final 16-byte sync marker.
        file[^17] ^= 0x01;

        var ex = Fails(file);

        Assert.Contains("CRC", ex.Message, StringComparison.Ordinal);
        Assert.Contains("block 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CorruptSnappyData_Throws()
    {
        var file = AvroTestData.Container(AvroTestData.FlatSchema, "snappy", (3, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0, 0, 0, 0]));
        var ex = Fails(file);
        Assert.Contains("snappy", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CorruptZstandardData_Throws()
    {
        var file = AvroTestData.Container(AvroTestData.FlatSchema, "zstandard", (3, [0x28, 0xB5, 0x2F, 0xFD, 0xFF, 0xFF, 0x01]));
        var ex = Fails(file);
        Assert.Contains("zstandard", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StringRunningPastBlock_ThrowsNamingRow()
    {
        var records = AvroTestData.Records(4, (w, i) => AvroTestData.WriteFlat(w, "client", AvroTestData.Millis, "https://example.com/"));
        // Cut the fourth record inside its URL: the declared length runs past the end of the block.
        var file = AvroTestData.Container(AvroTestData.FlatSchema, null, (4, records[..^8]));

        var ex = Fails(file);

        Assert.Equal(4, ex.Row);
        Assert.Contains("row 4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("block 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_VarintRunningPastBlock_ThrowsNamingRow()
    {
        var records = AvroTestData.Records(2, (w, i) => AvroTestData.WriteFlat(w, "client", AvroTestData.Millis, "https://example.com/"));
        byte[] broken = [.. records, 0x02, 0x02, (byte)'c', 0xFF, 0xFF];

        var ex = Fails(AvroTestData.Container(AvroTestData.FlatSchema, null, (3, broken)));

        Assert.Equal(3, ex.Row);
        Assert.Contains("past the end", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnionBranchOutOfRange_ThrowsNamingRow()
    {
        var records = AvroTestData.Records(1, (w, i) => AvroTestData.WriteFlat(w, "client", AvroTestData.Millis, "https://example.com/"));
        byte[] broken = [.. records, 0x08];

        var ex = Fails(AvroTestData.Container(AvroTestData.FlatSchema, null, (2, broken)));

        Assert.Equal(2, ex.Row);
        Assert.Contains("union branch 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CountSmallerThanRecords_ThrowsLeftOverBytes()
    {
        var records = AvroTestData.Records(3, (w, i) => AvroTestData.WriteFlat(w, "client", AvroTestData.Millis, "https://example.com/"));
        var ex = Fails(AvroTestData.Container(AvroTestData.FlatSchema, null, (2, records)));
        Assert.Contains("left over", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CountLargerThanBytes_Throws()
    {
        var ex = Fails(AvroTestData.Container(AvroTestData.FlatSchema, null, (1_000_000_000_000, [0, 0, 0])));
        Assert.Contains("block 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SchemaNotARecord_Throws()
    {
        var ex = Fails(AvroTestData.Container("\"string\"", null));
        Assert.Contains("not a record", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SchemaNotJson_Throws()
    {
        var ex = Fails(AvroTestData.Container("{\"type\":\"record\",", null));
        Assert.Contains("schema", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnsupportedCodec_ThrowsNamingCodec()
    {
        var ex = Fails(AvroTestData.Container(AvroTestData.FlatSchema, "bzip2"));
        Assert.Contains("'bzip2'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoUsableFields_ThrowsListingFields()
    {
        const string Schema = """{"type":"record","name":"R","fields":[{"name":"a","type":"string"},{"name":"b","type":"long"}]}""";
        var ex = Fails(AvroTestData.Container(Schema, null));
        Assert.Contains("Fields in this source: a, b", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderWithoutBlocks_YieldsNothing()
    {
        Assert.Empty(AvroTestData.Read(AvroTestData.Container(AvroTestData.FlatSchema, "deflate")));
    }

    [Fact]
    public void Read_RandomCorruption_NeverThrowsAnythingElse()
    {
        // Flipping bytes anywhere either still reads (a changed value) or fails as a format error: never a crash.
        var file = AvroTestData.FlatFile(AvroCodec.Null, 50, recordsPerBlock: 10);
        var random = new Random(42);
        for (var trial = 0; trial < 300; trial++)
        {
            var copy = (byte[])file.Clone();
            for (var flips = 0; flips < 3; flips++)
            {
                copy[random.Next(copy.Length)] = (byte)random.Next(256);
            }

            try
            {
                AvroTestData.Read(copy);
            }
            catch (SourceFormatException)
            {
            }
        }
    }

    private static SourceFormatException Fails(byte[] file)
    {
        var ex = Assert.Throws<SourceFormatException>(() => AvroTestData.Read(file, AvroTestData.Context(Name)));
        Assert.StartsWith(Name, ex.Message, StringComparison.Ordinal);
        Assert.Equal(Name, ex.SourceName);
        return ex;
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
