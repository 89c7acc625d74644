namespace Clickcast.Pipeline.Jobs;

/// <summary>
/// Which running jobs keep a queued job of the same kind waiting. A step that reads a pointer, builds on it and
/// writes it back (the sequence manifest, the registry's decision, the scoring state, the delivery ledger) must not
/// run twice at once for the same thing, whatever the number of workers: two sequence updates of one tenant would
/// both build generation N+1 under the same keys and the later manifest would lose the other's events.
/// </summary>
public enum JobExclusion
{
    /// <summary>Any number at once (each ingest job has its own file).</summary>
    None = 0,

    /// <summary>One running job of the kind per tenant.</summary>
    PerTenant,

    /// <summary>One running job of the kind per tenant and task.</summary>
    PerTask,
}
