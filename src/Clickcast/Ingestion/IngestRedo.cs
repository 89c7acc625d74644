namespace Clickcast.Ingestion;

/// <summary>Which files ingested before are processed again although their content and settings did not change.</summary>
public enum IngestRedo
{
    /// <summary>None: a file version is processed again only when the ingest settings changed.</summary>
    None = 0,

    /// <summary>Files whose current version was quarantined (<c>ingest --retry-quarantined</c>, <c>POST .../quarantine/retry</c>).</summary>
    Quarantined,

    /// <summary>Every file (a backfill under <c>RedoAll</c>); its earlier events are replaced, never doubled.</summary>
    All,
}
