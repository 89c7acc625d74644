namespace Clickcast.Pipeline;

/// <summary>What a backfill does with each raw file of its period. Stored by name.</summary>
public enum BackfillPolicy
{
    /// <summary>Fill the gaps: ingest files that never were, retry dead-lettered or cancelled ingests, leave succeeded ones.</summary>
    SkipCompleted = 0,

    /// <summary>Only retry dead-lettered or cancelled ingests, and ingest again the files that were quarantined.</summary>
    RedoFailed,

    /// <summary>
    /// Everything again: every file is ingested again (its earlier events are replaced, never doubled), and the
    /// tasks retrain regardless of the retraining policy, then score and export.
    /// </summary>
    RedoAll,
}
