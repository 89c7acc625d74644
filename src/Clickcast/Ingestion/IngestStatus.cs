namespace Clickcast.Ingestion;

/// <summary>What happened to one source file.</summary>
public enum IngestStatus
{
    /// <summary>Read, normalized and written under <c>events/</c>.</summary>
    Ingested = 0,

    /// <summary>This exact content under this key was ingested before with the same ingest settings; nothing was added.</summary>
    AlreadyIngested,

    /// <summary>
    /// This exact content under this key was quarantined before with the same ingest settings; it is tried again when
    /// the settings change, or on request (<c>ingest --retry-quarantined</c>).
    /// </summary>
    AlreadyQuarantined,

    /// <summary>Could not be ingested; copied under <c>quarantine/</c> with the reason; none of its events were kept.</summary>
    Quarantined,

    /// <summary>
    /// The same bytes were ingested before under another key (a re-upload under a new name); nothing was added
    /// (<see cref="IngestOptions.DuplicateContent"/>).
    /// </summary>
    DuplicateContent,
}
