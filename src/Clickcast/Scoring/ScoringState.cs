namespace Clickcast.Scoring;

/// <summary>What a task's scoring remembers between runs: which model and generation it scored, its distribution, its runs.</summary>
public sealed record ScoringState
{
    /// <summary>Model version of the last run.</summary>
    public int ModelVersion { get; init; }

    /// <summary>Sequence generation the last run covered: clients updated after it have fresh events.</summary>
    public long ScoredGeneration { get; init; }

    /// <summary>Distribution of the last full run.</summary>
    public ScoreDistribution Distribution { get; init; } = new();

    /// <summary>
    /// Client-hash shards the current scores are kept in: null for one <c>current.parquet</c> (an unsharded tenant),
    /// N for <c>current/part-SSSS.parquet</c>, one per shard (see <see cref="PredictionParts"/>).
    /// </summary>
    public int? Shards { get; init; }

    /// <summary>Runs, oldest first.</summary>
    public IReadOnlyList<ScoringRun> Runs { get; init; } = [];
}
