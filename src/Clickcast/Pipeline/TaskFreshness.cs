namespace Clickcast.Pipeline;

/// <summary>How current a task's scores are, at a glance. Serialized by name.</summary>
public enum TaskFreshness
{
    /// <summary>Nothing to do: the last job succeeded and retraining runs by its policy.</summary>
    Active = 0,

    /// <summary>A job of the task (or of its tenant's data: ingest, sequences, backfill) is queued or running.</summary>
    Calculating,

    /// <summary>The task's (or its tenant's data) latest finished job was dead-lettered.</summary>
    Failed,

    /// <summary>Retraining is paused after non-improving retrains; scoring goes on with the champion.</summary>
    Paused,

    /// <summary>The task has no champion and its latest training refused for lack of data; the reason names the likely cause.</summary>
    NeedsData,

    /// <summary>The tenant's latest finished ingest quarantined its file: events are missing until it is fixed and retried.</summary>
    Quarantined,

    /// <summary>
    /// A job of the task (or of its tenant's data) failed and waits for its next attempt: its last error is real and
    /// may repeat (a webhook refusing deliveries), so it is not shown as calculating.
    /// </summary>
    Retrying,
}
