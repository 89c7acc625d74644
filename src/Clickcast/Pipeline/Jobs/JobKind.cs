namespace Clickcast.Pipeline.Jobs;

/// <summary>The pipeline's steps, one handler each. Stored by name: renaming a member orphans its queued jobs.</summary>
public enum JobKind
{
    /// <summary>Raw files to normalized events; payload names the object (see <see cref="Triggers.ObjectCreated"/>).</summary>
    Ingest = 0,

    /// <summary>Normalized events to per-client sequences.</summary>
    Sequences,

    /// <summary>Sequences and labels to a model in the registry.</summary>
    Train,

    /// <summary>A model over current sequences to predictions.</summary>
    Score,

    /// <summary>Predictions to a tenant's destination.</summary>
    Export,

    /// <summary>Re-running a step over a past period: fans out into jobs of the other kinds.</summary>
    Backfill,

    /// <summary>One client-hash shard of a sharded scoring run (payload: the run's plan and the shard).</summary>
    ScoreShard,

    /// <summary>The commit of a sharded scoring run once every shard is scored: percentiles, then the scoring state, last.</summary>
    ScoreCommit,

    /// <summary>One shard's part of a sharded scoring run to the task's destinations.</summary>
    ExportShard,

    /// <summary>A tenant's events rewritten into another shard count, then its definition's count changed (see <see cref="ReshardPayload"/>).</summary>
    Reshard,

    /// <summary>One client-hash shard of a sharded tenant's sequence update; payload: generation, shard, shard count.</summary>
    SequencesShard,

    /// <summary>The commit of a sharded sequence update, once every shard is built: writes the manifest last.</summary>
    SequencesCommit,

    /// <summary>A tenant's events folders with too many small files merged into compacted ones (<see cref="Ingestion.EventCompaction"/>).</summary>
    CompactEvents,
}
