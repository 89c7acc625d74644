using Clickcast.Ingestion.Urls;

namespace Clickcast.Ingestion.Sources;

/// <summary>What a reader needs besides the bytes: the source's name for messages, the field mapping and time parsing.</summary>
internal sealed class SourceReadContext
{
    public SourceReadContext(string sourceName, FieldMappingOptions mapping, IngestLimits limits)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(limits);
        SourceName = sourceName;
        Mapping = mapping;
        Limits = limits;
        Timestamps = new TimestampParser(mapping.Time);
    }

    /// <summary>The object key or file name, used in every message about this source.</summary>
    public string SourceName { get; }

    /// <summary>Which fields hold client id, time, URL and the optional fields; nulls are detected.</summary>
    public FieldMappingOptions Mapping { get; }

    /// <summary>Length limits applied while reading.</summary>
    public IngestLimits Limits { get; }

    /// <summary>Parses time values per <see cref="FieldMappingOptions.Time"/>.</summary>
    public TimestampParser Timestamps { get; }

    /// <summary>
    /// True when the caller has no use for referrers: readers may then skip decoding them (a referrer is nearly
    /// unique per event, so decoding it is one of the costliest parts of a row).
    /// </summary>
    public bool SkipReferrer { get; init; }

    /// <summary>
    /// Bytes the file may decompress to in all (<see cref="IngestLimits.DecompressedBytesFor"/> of its size);
    /// readers that decompress internally stop and throw a <see cref="SourceFormatException"/> naming the cap.
    /// </summary>
    public long MaxDecompressedBytes { get; init; } = long.MaxValue;

    /// <summary>
    /// The outcome of a URL value under the ingest's settings, or null. A reader that keeps one string for a repeated
    /// value may ask it once per value it keeps and hand the answer out with every row of that value
    /// (<see cref="SourceRecord.UrlOutcome"/>); the caller asks itself for the rest.
    /// </summary>
    public Func<string, UrlOutcome>? UrlOutcomes { get; init; }

    /// <summary>
    /// Which part of a URL decides <see cref="UrlOutcomes"/>' answer: a reader may hand out the answer it kept for a
    /// value whose deciding part is the same (a page's clicks with one-off click ids), without asking.
    /// </summary>
    public UrlOutcomeKey UrlOutcomeKey { get; init; } = UrlOutcomeKey.WholeValue;

    /// <summary>The mapping the reader settled on (configured or detected); set by the reader once known.</summary>
    public ResolvedFieldMapping? ResolvedMapping { get; set; }
}
