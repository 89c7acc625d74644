using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Sources;
using Clickcast.Ingestion.Sources.Avro;

namespace Clickcast.Tests.Ingestion.Sources.Avro;

/// <summary>Committed Avro files written by Python, checked record by record against Apache.Avro.</summary>
public sealed class AvroSourceReaderTests
{
    [Fact]
    public void Read_CommittedPythonFixtures_DecodeSnappyAndZstandard()
    {
        foreach (var name in new[] { "python-snappy.avro", "python-zstandard.avro" })
        {
            var context = AvroTestData.Context(name);
            var bytes = File.ReadAllBytes(AvroTestData.Fixture(name));

            var rows = AvroTestData.Read(bytes, context);

            var expected = AvroTestData.ReadWithApache(new MemoryStream(bytes), context.ResolvedMapping!);
            Assert.NotEmpty(rows);
            Assert.Equal(expected, rows);
        }
    }
}
