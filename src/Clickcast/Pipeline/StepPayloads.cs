using Clickcast.Registry;
using Clickcast.Scoring;

namespace Clickcast.Pipeline;

/// <summary>Inputs of a training job.</summary>
/// <param name="Trigger">Why it runs, which decides what the retraining policy checks.</param>
public sealed record TrainPayload(TrainTrigger Trigger);

/// <summary>Inputs of a scoring job.</summary>
/// <param name="Reason">Why it runs: after training, schedule, manual.</param>
public sealed record ScorePayload(string Reason);

/// <summary>Inputs of an export job.</summary>
/// <param name="RunId">The scoring run.</param>
/// <param name="PredictionsKey">Its predictions file.</param>
public sealed record ExportPayload(string RunId, string PredictionsKey);

/// <summary>Inputs of a sequences job; an ingest's follow-up leaves them at their defaults.</summary>
/// <param name="Trigger">What the training jobs it leads to are told (a backfill that redoes everything trains regardless).</param>
/// <param name="Task">Only this task trains after it; null for every task of the tenant.</param>
/// <param name="Backfill">The backfill job that asked for it, which keys its follow-ups apart from the normal chain's.</param>
public sealed record SequencesPayload(TrainTrigger Trigger = TrainTrigger.NewData, string? Task = null, long? Backfill = null);

/// <summary>Inputs of one shard of a sharded scoring run.</summary>
/// <param name="Plan">What every shard of the run agrees on (run id, champion version, generation, shard count).</param>
/// <param name="Shard">The shard to score.</param>
public sealed record ScoreShardPayload(ScoringPlan Plan, int Shard);

/// <summary>Inputs of the commit of a sharded scoring run.</summary>
/// <param name="Plan">The run's plan.</param>
public sealed record ScoreCommitPayload(ScoringPlan Plan);

/// <summary>Inputs of one shard's export.</summary>
/// <param name="RunId">The scoring run.</param>
/// <param name="PredictionsKey">The shard's part of it.</param>
/// <param name="Shard">The shard.</param>
/// <param name="Shards">The run's shard count.</param>
public sealed record ExportShardPayload(string RunId, string PredictionsKey, int Shard, int Shards);

/// <summary>Inputs of one shard's sequence build.</summary>
/// <param name="Generation">The generation the update builds (the committed one plus one).</param>
/// <param name="Shard">The shard.</param>
/// <param name="Shards">The tenant's shard count when the update started.</param>
/// <param name="Then">The sequences job's inputs, handed on to the commit and the training jobs.</param>
public sealed record SequencesShardPayload(long Generation, int Shard, int Shards, SequencesPayload Then);

/// <summary>Inputs of a sharded sequence update's commit.</summary>
/// <param name="Generation">The generation to commit.</param>
/// <param name="Shards">Its shard count.</param>
/// <param name="Then">The sequences job's inputs, for the training jobs.</param>
public sealed record SequencesCommitPayload(long Generation, int Shards, SequencesPayload Then);
