namespace Clickcast.Scoring;

/// <summary>
/// What one shard of a sharded scoring run hands to the commit (its fan-in record): counts that add up across shards,
/// never the scores themselves, so the commit stays small whatever the tenant's size.
/// </summary>
/// <param name="Shard">The shard.</param>
/// <param name="Seen">Sequences of the shard read.</param>
/// <param name="Clients">Clients scored.</param>
/// <param name="Buckets">Clients per bucket (an incremental run; a full run's buckets are known at the commit).</param>
/// <param name="PsiCounts">The shard's current scores per PSI bin (an incremental run; see <see cref="PopulationStability.Counts"/>).</param>
/// <param name="SortedKey">A full run's sorted probabilities of the shard (see <see cref="SortedProbabilities"/>).</param>
public sealed record ShardScore(int Shard, long Seen, long Clients, IReadOnlyDictionary<ScoreBucket, long> Buckets, IReadOnlyList<long>? PsiCounts, string? SortedKey);
