namespace Clickcast.Ingestion;

/// <summary>The ledger's memory of one source key: every content version seen, newest last.</summary>
/// <param name="Key">The source object key.</param>
/// <param name="Versions">Versions ingested or quarantined.</param>
internal sealed record IngestLedgerRecord(string Key, IReadOnlyList<IngestLedgerVersion> Versions)
{
    /// <summary>
    /// Events files an unfinished ingest of this key was about to write: written before they are, so that an ingest
    /// killed half-way is replaced by the next one instead of doubled.
    /// </summary>
    public IReadOnlyList<string> PendingOutputs { get; init; } = [];
}

/// <summary>One content version of a source key.</summary>
/// <param name="ContentSha256">SHA-256 of the content.</param>
/// <param name="ETags">Store version tags seen with this content (a re-upload of the same bytes adds one).</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Report">What ingesting it did.</param>
/// <param name="Settings">The ingest settings version it was processed under (<see cref="IngestSettings"/>); null in ledgers written before settings were versioned, which count as current.</param>
internal sealed record IngestLedgerVersion(string ContentSha256, IReadOnlyList<string> ETags, long Size, FileIngestReport Report, string? Settings = null);
