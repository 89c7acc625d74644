namespace Clickcast.Scoring;

/// <summary>
/// What every shard of one sharded scoring run agrees on, decided once before the fan-out (see
/// <see cref="Scorer.PlanShardsAsync"/>): the run, the model, whether everyone is scored, from which generation on,
/// the data's "now" and the scoring time, so each shard (and each retry of it) scores the same way.
/// </summary>
/// <param name="RunId">The run (names its folder of parts).</param>
/// <param name="ModelVersion">The champion's version.</param>
/// <param name="Full">True when everyone is scored (first run, new champion, changed shard count).</param>
/// <param name="Since">Clients updated after this generation are scored (<see cref="long.MinValue"/> when full).</param>
/// <param name="Generation">The sequence generation the run covers.</param>
/// <param name="AsOfMicros">The data's "now" the scores are as of.</param>
/// <param name="ScoredAt">The scoring time written on every row.</param>
/// <param name="Shards">The client-hash shards, a power of two.</param>
public sealed record ScoringPlan(string RunId, int ModelVersion, bool Full, long Since, long Generation, long AsOfMicros, DateTimeOffset ScoredAt, int Shards);
