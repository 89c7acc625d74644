using Clickcast.Ingestion.Sources.Avro;

namespace Clickcast.Tests.Ingestion.Sources.Avro;

/// <summary>A file's reader gives its string tables and block buffers back for the next file.</summary>
public sealed class AvroSourceReaderBufferTests
{
    [Fact]
    public void Read_SecondFile_ReusesTheFirstFilesTablesAndBuffers()
    {
        var file = AvroTestData.FlatFile(AvroCodec.Deflate, 2_000);
        var first = AvroTestData.Read(file);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var second = AvroTestData.Read(file);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(first, second);
        // Each text field's table alone is 1 MiB of slots (client id and URL at least), its block buffers 64 KiB more:
        // a reader that allocated its own would pass this by far.
        Assert.True(allocated < 1024 * 1024, $"the second file allocated {allocated:N0} bytes");
    }
}
