namespace Clickcast.Ingestion;

/// <summary>What a file does when the same bytes were ingested before under another key.</summary>
public enum DuplicateContentPolicy
{
    /// <summary>Skip it with a warning: a re-upload under a new name must not count its events twice.</summary>
    Skip = 0,

    /// <summary>Ingest it anyway (sources that legitimately repeat whole files under different names).</summary>
    Ingest,
}
