namespace Clickcast.Pipeline.Jobs;

/// <summary>
/// What a finished run achieved, beside <see cref="JobStatus"/> (which says only that it ended): a run can end
/// normally and still have done nothing useful. Stored by name with <see cref="Job.OutcomeReason"/>.
/// </summary>
public enum RunOutcome
{
    /// <summary>The run did its work: a file ingested, sequences built, a model trained, scores written.</summary>
    Succeeded = 0,

    /// <summary>An ingest run set its file aside in quarantine; the reason says why (mapping, bad rows, format).</summary>
    Quarantined,

    /// <summary>The run could not do its work for lack of data (no positives, too few clients, no sequences yet).</summary>
    NeedsData,

    /// <summary>There was nothing to do: the file was ingested before, retraining was not due, the content is a duplicate.</summary>
    NothingToDo,

    /// <summary>The run failed; <see cref="Job.LastError"/> says why.</summary>
    Failed,
}
