namespace Clickcast.Ingestion.Sources;

/// <summary>Reads one clickstream file format into <see cref="SourceRecord"/>s.</summary>
/// <remarks>
/// Problems with one row are reported in the row (<see cref="SourceRecord.Problem"/>). Problems with the file as a
/// whole (corrupt block, missing header, wrong schema, no usable fields) throw <see cref="SourceFormatException"/>,
/// and the caller quarantines the file.
/// </remarks>
internal interface ISourceReader
{
    /// <summary>Reads <paramref name="content"/> from its current position to its end.</summary>
    IEnumerable<SourceRecord> Read(Stream content, SourceReadContext context);
}
