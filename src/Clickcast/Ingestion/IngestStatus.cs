namespace Clickcast.Ingestion;

/// <summary>What happened to one source file.</summary>
public enum IngestStatus
{
    /// <summary>Read, normalized and written under <c>events/</c>.</summary>
    Ingested = 0,

    /// <summary>This exact content under this key was ingested before; nothing was added.</summary>
    AlreadyIngested,

    /// <summary>This exact content under this key was quarantined before; it stays quarantined until it changes.</summary>
    AlreadyQuarantined,

    /// <summary>Could not be ingested; copied under <c>quarantine/</c> with the reason; none of its events were kept.</summary>
    Quarantined,
}
