namespace Clickcast.Ingestion.Avro;

/// <summary>STUB until the Avro reader lands.</summary>
internal sealed class AvroSourceReader : ISourceReader
{
    public IEnumerable<SourceRecord> Read(Stream content, SourceReadContext context) =>
        throw new SourceFormatException(context.SourceName, null, "Avro is not supported yet");
}
